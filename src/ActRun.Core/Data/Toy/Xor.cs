using ActRun.Core.Engine;

namespace ActRun.Core.Data.Toy;

/// <summary>
/// XOR of the signs: clean points uniform in [-1, 1]², class 1 when x1 and x2 have the same sign (first and
/// third quadrants, TensorFlow Playground's positive class), class 0 otherwise. The class is drawn first and
/// the point within its two quadrants, so classes stay balanced. Default noise 0.05 rather than 0.1 because
/// every point near an axis is near the boundary: at 0.1 about 8% of labels would be flipped, at 0.05 about 4%.
/// </summary>
public sealed class Xor : ToyGenerator
{
    public override string Name => "xor";
    public override string Description => "uniform in [-1,1]², class = x1 and x2 have the same sign (noise 0.05)";
    public override ToyOptions Defaults { get; } = new(Noise: 0.05);

    protected override (double X1, double X2) SampleClean(Rng rng, int label)
    {
        double sign1 = rng.NextDouble() < 0.5 ? -1 : 1;
        double sign2 = label == 1 ? sign1 : -sign1;
        return (sign1 * rng.NextDouble(), sign2 * rng.NextDouble());
    }
}
