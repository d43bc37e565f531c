using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>silu (swish): x · sigmoid(x). Derivative: s · (1 + x · (1 − s)) with s = sigmoid(x).</summary>
public sealed class Silu : VectorizedActivation<Silu.Op>
{
    internal Silu(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x * FloatMath.Sigmoid(x);

        public float Derivative(float x, float y)
        {
            float s = FloatMath.Sigmoid(x);
            return s * (1 + x * (1 - s));
        }

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            x * FloatMath.Sigmoid(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector>
        {
            TVector s = FloatMath.Sigmoid(x);
            return s * (1f + x * (1f - s));
        }
    }
}
