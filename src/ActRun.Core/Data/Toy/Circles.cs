using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>Two concentric rings: class 0 on radius 1, class 1 on radius 0.5, angle uniform. Not linearly separable.</summary>
public sealed class Circles : ToyGenerator
{
    public override string Name => "circles";
    public override string Description => "two concentric rings, radius 1 and 0.5 (noise 0.1)";
    public override ToyOptions Defaults { get; } = new(Noise: 0.1);

    protected override (double X1, double X2) SampleClean(Rng rng, int label)
    {
        double radius = label == 0 ? 1.0 : 0.5;
        double angle = 2 * Math.PI * rng.NextDouble();
        return (radius * DoubleMath.Cos(angle), radius * DoubleMath.Sin(angle));
    }
}
