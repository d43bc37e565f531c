using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>tanh_shrink: x − tanh(x). Derivative: tanh(x)².</summary>
public sealed class TanhShrink : VectorizedActivation<TanhShrink.Op>
{
    internal TanhShrink(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x - FloatMath.Tanh(x);

        public float Derivative(float x, float y) => FloatMath.Tanh(x) * FloatMath.Tanh(x);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            x - FloatMath.Tanh(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.Tanh(x) * FloatMath.Tanh(x);
    }
}
