using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// Two Gaussian blobs, the linearly separable control: class 0 around (-0.5, -0.5), class 1 around (0.5, 0.5),
/// each with standard deviation = noise per coordinate. At the default 0.1 the centres are 7 standard
/// deviations from the separating line x1 + x2 = 0, so a linear model should reach 100%.
/// </summary>
public sealed class Blobs : ToyGenerator
{
    private const double Centre = 0.5;

    public override string Name => "blobs";
    public override string Description => "two Gaussian blobs at ±(0.5, 0.5), linearly separable control (noise 0.1)";
    public override ToyOptions Defaults { get; } = new(Noise: 0.1);

    protected override (double X1, double X2) SampleClean(Rng rng, int label) =>
        label == 0 ? (-Centre, -Centre) : (Centre, Centre);
}
