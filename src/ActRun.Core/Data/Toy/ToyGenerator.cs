using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// A two-class, two-feature (x1, x2) synthetic dataset drawn deterministically from a seed. Point i has class
/// i mod 2, so classes alternate and are balanced in any prefix; each point is a clean point of its class's
/// shape plus Gaussian noise. The training and test splits come from independent sub-streams of the seed, so
/// changing the training size does not change the test points. Generating n points gives the first n points
/// of generating more.
/// </summary>
public abstract class ToyGenerator
{
    private static readonly string[] XY = ["x1", "x2"];

    /// <summary>The catalog name, e.g. <c>circles</c>.</summary>
    public abstract string Name { get; }

    /// <summary>One line for <c>datasets list</c>: the shape and the default noise.</summary>
    public abstract string Description { get; }

    public abstract ToyOptions Defaults { get; }

    /// <summary>Draws one clean (noise-free) point of class <paramref name="label"/> (0 or 1).</summary>
    protected abstract (double X1, double X2) SampleClean(Rng rng, int label);

    /// <summary>Generates the dataset; <paramref name="options"/> null means <see cref="Defaults"/>.</summary>
    public Dataset Generate(ulong seed, ToyOptions? options = null)
    {
        options ??= Defaults;
        options.Validate(Name);
        return new Dataset(
            Label(options),
            TaskKind.Classification,
            ClassCount: 2,
            XY,
            Sample(new Rng(Rng.Derive(seed, "train")), options.TrainSize, options.Noise),
            Sample(new Rng(Rng.Derive(seed, "test")), options.TestSize, options.Noise));
    }

    /// <summary>
    /// The canonical text of this generator with <paramref name="options"/>: the name, then only the settings
    /// that differ from the defaults, e.g. <c>spiral(noise=0.2, train_size=2000)</c>. It names the dataset in results.
    /// </summary>
    public string Label(ToyOptions options)
    {
        var parts = NonDefault(options).Select(o => $"{o.Key}={o.Value}").ToList();
        return parts.Count == 0 ? Name : $"{Name}({string.Join(", ", parts)})";
    }

    /// <summary>The settings of <paramref name="options"/> that differ from <see cref="Defaults"/>, by name, as canonical text.</summary>
    public Dictionary<string, string> NonDefault(ToyOptions options)
    {
        var result = new Dictionary<string, string>();
        foreach (var option in ToyOptions.All)
            if (option.Get(options) != option.Get(Defaults)) result[option.Name] = option.Format(option.Get(options));
        return result;
    }

    private DataSplit Sample(Rng rng, int count, double noise)
    {
        var xy = new float[2 * count];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 2;
            var (x1, x2) = SampleClean(rng, label);
            // Noise is drawn even when it is 0, so that only the noise level differs between two noise settings.
            xy[2 * i] = (float)(x1 + noise * rng.NextGaussian());
            xy[2 * i + 1] = (float)(x2 + noise * rng.NextGaussian());
            labels[i] = label;
        }
        return new DataSplit(new FloatFeatures(xy, count, 2), labels, null);
    }
}
