using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>mish: x · tanh(softplus(x)). Derivative: t + x · sigmoid(x) · (1 − t²) with t = tanh(softplus(x)).</summary>
public sealed class Mish : VectorizedActivation<Mish.Op>
{
    internal Mish(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x * FloatMath.Tanh(FloatMath.Softplus(x));

        public float Derivative(float x, float y)
        {
            float t = FloatMath.Tanh(FloatMath.Softplus(x));
            return t + x * FloatMath.Sigmoid(x) * (1 - t * t);
        }

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            x * FloatMath.Tanh(FloatMath.Softplus(x));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector>
        {
            TVector t = FloatMath.Tanh(FloatMath.Softplus(x));
            return t + x * FloatMath.Sigmoid(x) * (1f - t * t);
        }
    }
}
