using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// TensorFlow Playground's feature toggles: the network's inputs computed from a 2-D point (x1, x2). Giving a
/// linear network <c>x1^2,x2^2</c> solves circles: the nonlinearity moves from the activation to the inputs.
/// </summary>
public static class PlaygroundFeatures
{
    private static readonly (string Name, Func<float, float, float> Compute)[] Table =
    [
        ("x1", (x1, _) => x1),
        ("x2", (_, x2) => x2),
        ("x1^2", (x1, _) => x1 * x1),
        ("x2^2", (_, x2) => x2 * x2),
        ("x1*x2", (x1, x2) => x1 * x2),
        ("sin(x1)", (x1, _) => (float)DoubleMath.Sin(x1)),
        ("sin(x2)", (_, x2) => (float)DoubleMath.Sin(x2)),
    ];

    /// <summary>Other spellings of the same feature (Playground writes X₁², X₁X₂).</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["x1²"] = "x1^2",
        ["x2²"] = "x2^2",
        ["x1x2"] = "x1*x2",
        ["x2*x1"] = "x1*x2",
        ["x1**2"] = "x1^2",
        ["x2**2"] = "x2^2",
    };

    public static IReadOnlyList<string> Names { get; } = Table.Select(t => t.Name).ToArray();

    /// <summary>The raw coordinates, Playground's default selection.</summary>
    public static IReadOnlyList<string> Default { get; } = ["x1", "x2"];

    public static bool IsDefault(IReadOnlyList<string> features) => features.SequenceEqual(Default);

    /// <summary>
    /// Canonical feature names from a comma-separated list (spaces and case ignored, in the order given);
    /// an unknown or repeated feature is a <see cref="ConfigException"/>.
    /// </summary>
    public static IReadOnlyList<string> Parse(string text)
    {
        var result = new List<string>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Canonical(part);
            if (result.Contains(name)) throw new ConfigException($"--features: '{part}' is listed twice.");
            result.Add(name);
        }
        if (result.Count == 0)
            throw new ConfigException($"--features: no feature given. Choose from {string.Join(", ", Names)}.");
        return result;
    }

    private static string Canonical(string text)
    {
        string key = text.Replace(" ", "").ToLowerInvariant();
        key = Aliases.GetValueOrDefault(key, key);
        if (Names.Contains(key)) return key;
        throw new ConfigException(
            $"--features: unknown feature '{text}'.{Suggest.DidYouMean(key, Names)} Known: {string.Join(", ", Names)}.");
    }

    /// <summary>
    /// The dataset with its two raw coordinates replaced by <paramref name="features"/>, computed per point.
    /// Only a dataset whose features are exactly (x1, x2) has these toggles.
    /// </summary>
    public static Dataset Apply(Dataset data, IReadOnlyList<string> features)
    {
        if (IsDefault(features)) return data;
        if (!data.FeatureNames.SequenceEqual(Default))
            throw new ConfigException(
                $"--features applies to the 2-D toy datasets (inputs x1, x2); '{data.Name}' has {data.FeatureCount} features of its own.");
        var compute = features.Select(f => Table.First(t => t.Name == f).Compute).ToArray();
        return data with
        {
            FeatureNames = features.ToArray(),
            Train = Transform(data.Train, compute),
            Test = Transform(data.Test, compute),
        };
    }

    private static DataSplit Transform(DataSplit split, Func<float, float, float>[] compute)
    {
        int n = split.Count, k = compute.Length;
        var values = new float[n * k];
        for (int i = 0; i < n; i++)
        {
            float x1 = split.Features[i, 0], x2 = split.Features[i, 1];
            for (int j = 0; j < k; j++) values[i * k + j] = compute[j](x1, x2);
        }
        return split with { Features = new FloatFeatures(values, n, k) };
    }
}
