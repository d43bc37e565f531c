using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// scikit-learn's <c>make_moons</c>: class 0 on the upper half circle (cos t, sin t), class 1 on the lower one
/// (1 - cos t, 0.5 - sin t), t in [0, π]. Unlike scikit-learn, t is drawn uniformly rather than on an evenly
/// spaced grid, so that test points are new points and not the training points with other noise.
/// </summary>
public sealed class Moons : ToyGenerator
{
    public override string Name => "moons";
    public override string Description => "two interleaving half circles, as scikit-learn's make_moons (noise 0.1)";
    public override ToyOptions Defaults { get; } = new(Noise: 0.1);

    protected override (double X1, double X2) SampleClean(Rng rng, int label)
    {
        double t = Math.PI * rng.NextDouble();
        return label == 0 ? (DoubleMath.Cos(t), DoubleMath.Sin(t)) : (1 - DoubleMath.Cos(t), 0.5 - DoubleMath.Sin(t));
    }
}
