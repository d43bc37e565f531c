using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// squareplus: (x + √(x² + b)) / 2, computed as b / (2 · (√(x² + b) − x)) for x &lt; 0, where the direct form
/// cancels (x = −50 would keep only ~3 digits). Derivative: (1 + x / √(x² + b)) / 2 = y / √(x² + b).
/// </summary>
public sealed class Squareplus : VectorizedActivation<Squareplus.Op>
{
    internal Squareplus(ActivationSpec spec, float b) : base(spec, new Op(b))
    {
    }

    public readonly struct Op(float b) : IActivationOp
    {
        public float Value(float x)
        {
            float s = MathF.Sqrt(x * x + b);
            return x >= 0 ? (x + s) / 2 : b / (2 * (s - x));
        }

        public float Derivative(float x, float y) => y / MathF.Sqrt(x * x + b);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
        {
            TVector s = TVector.Sqrt(x * x + b);
            return TVector.Select(TVector.GreaterThanOrEqual(x, 0f), (x + s) / 2f, b / (2f * (s - x)));
        }

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            y / TVector.Sqrt(x * x + b);
    }
}
