using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// TensorFlow Playground's two interleaved spirals, scaled to radius 1: s uniform in [0, 1), r = s,
/// θ = 1.75 · 2π · s + δ, point (r sin θ, r cos θ), with δ = 0 for class 1 and π for class 0. The arms of the two
/// classes are about 0.29 apart, so the default noise is 0.05 (0.1 would blur them into each other).
/// </summary>
public sealed class Spiral : ToyGenerator
{
    private const double Turns = 1.75;

    public override string Name => "spiral";
    public override string Description => "two interleaved spirals of 1.75 turns, as in TensorFlow Playground (noise 0.05)";
    public override ToyOptions Defaults { get; } = new(Noise: 0.05);

    protected override (double X1, double X2) SampleClean(Rng rng, int label)
    {
        double s = rng.NextDouble();
        double theta = Turns * 2 * Math.PI * s + (label == 1 ? 0 : Math.PI);
        return (s * DoubleMath.Sin(theta), s * DoubleMath.Cos(theta));
    }
}
