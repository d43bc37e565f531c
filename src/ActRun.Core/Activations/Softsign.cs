using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>softsign: x / (1 + |x|). Derivative: 1 / (1 + |x|)².</summary>
public sealed class Softsign : VectorizedActivation<Softsign.Op>
{
    internal Softsign(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x / (1 + MathF.Abs(x));

        public float Derivative(float x, float y) => 1 / ((1 + MathF.Abs(x)) * (1 + MathF.Abs(x)));

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            x / (1f + TVector.Abs(x));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            1f / ((1f + TVector.Abs(x)) * (1f + TVector.Abs(x)));
    }
}
