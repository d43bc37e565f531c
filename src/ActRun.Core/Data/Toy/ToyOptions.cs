using System.Globalization;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// The settings of a toy generator. <see cref="Noise"/> is the standard deviation of the Gaussian noise added
/// to each coordinate of a point drawn from the clean shape; the label is the clean point's, so noise that
/// pushes a point across the boundary is label noise, as in scikit-learn and TensorFlow Playground.
/// Each setting is declared once in <see cref="All"/>: the dataset text (<c>spiral(noise=0.2)</c>), the config key
/// <c>dataset.NAME</c>, the checks and the config reference all read that table.
/// </summary>
public sealed record ToyOptions(double Noise, int TrainSize = ToyOptions.DefaultTrainSize, int TestSize = ToyOptions.DefaultTestSize)
{
    public const int DefaultTrainSize = 1000;
    public const int DefaultTestSize = 500;

    public static ToyOption NoiseOption { get; } = new("noise", "a number >= 0", Count: false, v => v >= 0, o => o.Noise, (o, v) => o with { Noise = v },
        "the standard deviation of the Gaussian noise per coordinate.");
    public static ToyOption TrainSizeOption { get; } = new("train_size", "a positive whole number", Count: true, v => v >= 1, o => o.TrainSize, (o, v) => o with { TrainSize = (int)v },
        "how many training points are generated.");
    public static ToyOption TestSizeOption { get; } = new("test_size", "a positive whole number", Count: true, v => v >= 1, o => o.TestSize, (o, v) => o with { TestSize = (int)v },
        "how many test points are generated.");

    /// <summary>Every setting, in the order a dataset text prints them.</summary>
    public static IReadOnlyList<ToyOption> All { get; } = [NoiseOption, TrainSizeOption, TestSizeOption];

    /// <summary>Throws a <see cref="ConfigException"/> naming the setting when a value cannot be used.</summary>
    public void Validate(string generator)
    {
        foreach (var option in All)
        {
            double value = option.Get(this);
            if (!double.IsFinite(value) || !option.Valid(value))
                throw new ConfigException($"{generator}: {option.Name} must be {option.Expected}, not {option.Format(value)}.");
        }
    }
}

/// <summary>
/// One setting of the toy generators, declared once: its name (in <c>spiral(noise=0.2)</c> and as the key
/// <c>dataset.NAME</c>), the value it takes (<see cref="Count"/>: a whole number), its check, how it is read from and
/// stored in <see cref="ToyOptions"/>, and what it means. Its default is each generator's (<see cref="ToyGenerator.Defaults"/>).
/// </summary>
public sealed record ToyOption(string Name, string Expected, bool Count, Func<double, bool> Valid, Func<ToyOptions, double> Get,
    Func<ToyOptions, double, ToyOptions> With, string Description)
{
    public string Format(double value) => Count ? ((long)value).ToString(CultureInfo.InvariantCulture) : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value of a text, as a dataset text gives it (checked later, by <see cref="ToyOptions.Validate"/>).</summary>
    public double Parse(string dataset, string text) => Count
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int n)
            ? n
            : throw new ConfigException($"Dataset '{dataset}': {Name} must be a whole number, got '{text}'.")
        : DatasetSpec.Number(dataset, Name, text);

    /// <summary>
    /// The default every toy set shares, as text, or null when each set has its own. A plain loop: compare's help reads it
    /// at start-up, where LINQ over double would be compiled first.
    /// </summary>
    public string? SharedDefault
    {
        get
        {
            double? shared = null;
            foreach (var generator in DatasetCatalog.ToyGenerators)
            {
                double value = Get(generator.Defaults);
                if (shared is { } s && !s.Equals(value)) return null;
                shared = value;
            }
            return shared is { } only ? Format(only) : null;
        }
    }
}
