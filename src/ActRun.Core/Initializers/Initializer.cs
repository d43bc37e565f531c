using ActRun.Core.Activations;
using ActRun.Core.Engine;

namespace ActRun.Core.Initializers;

/// <summary>
/// A weight initializer, Keras definitions. Normal variants draw from a normal truncated at two standard
/// deviations, with the standard deviation corrected (÷ 0.8796…) so the variance is the intended one.
/// </summary>
public sealed record Initializer(string Name, string Formula, Func<int, int, Rng, float> Draw)
{
    /// <summary>Fills a fan_in × fan_out weight block.</summary>
    public void Fill(Span<float> weights, int fanIn, int fanOut, Rng rng)
    {
        for (int i = 0; i < weights.Length; i++) weights[i] = Draw(fanIn, fanOut, rng);
    }

    public override string ToString() => Name;
}

public static class InitializerRegistry
{
    // Standard deviation of a unit normal truncated to [-2, 2]; dividing by it restores unit variance.
    private const double TruncatedStd = 0.87962566103423978;

    public static IReadOnlyList<Initializer> All { get; } =
    [
        new("glorot_uniform", "U(-l, l), l = sqrt(6 / (fan_in + fan_out))", (i, o, r) => Uniform(r, Math.Sqrt(6.0 / (i + o)))),
        new("glorot_normal", "TN(0, sqrt(2 / (fan_in + fan_out)))", (i, o, r) => Truncated(r, Math.Sqrt(2.0 / (i + o)))),
        new("he_uniform", "U(-l, l), l = sqrt(6 / fan_in)", (i, o, r) => Uniform(r, Math.Sqrt(6.0 / i))),
        new("he_normal", "TN(0, sqrt(2 / fan_in))", (i, o, r) => Truncated(r, Math.Sqrt(2.0 / i))),
        new("lecun_uniform", "U(-l, l), l = sqrt(3 / fan_in)", (i, o, r) => Uniform(r, Math.Sqrt(3.0 / i))),
        new("lecun_normal", "TN(0, sqrt(1 / fan_in))", (i, o, r) => Truncated(r, Math.Sqrt(1.0 / i))),
        // The "commonly used heuristic" Glorot & Bengio (2010, eq. 1) compare their normalized initialization against.
        new("standard_uniform", "U(-l, l), l = 1 / sqrt(fan_in)", (i, o, r) => Uniform(r, 1.0 / Math.Sqrt(i))),
        new("zeros", "0", (i, o, r) => 0f),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(x => x.Name).ToArray();

    public static Initializer Get(string name) =>
        All.FirstOrDefault(x => x.Name == name.Trim().ToLowerInvariant())
        ?? throw new ConfigException($"Unknown initializer '{name}'.{Suggest.DidYouMean(name, Names)} Known: {string.Join(", ", Names)}.");

    /// <summary>
    /// "auto" picks the initializer an activation is designed for (the registry's PreferredInitializer:
    /// lecun_normal for selu, whose self-normalisation needs it), else glorot_uniform, Keras's default.
    /// </summary>
    public static Initializer Resolve(string init, string activation) =>
        init.Trim().ToLowerInvariant() == "auto" ? Get(DefaultFor(activation)) : Get(init);

    public static string DefaultFor(string activation) =>
        ActivationRegistry.Find(ActivationRegistry.Create(activation).Spec.Name)?.PreferredInitializer ?? "glorot_uniform";

    private static float Uniform(Rng rng, double limit) => (float)rng.NextUniform(-limit, limit);

    private static float Truncated(Rng rng, double std)
    {
        double z;
        do z = rng.NextGaussian(); while (Math.Abs(z) > 2);
        return (float)(z * std / TruncatedStd);
    }
}
