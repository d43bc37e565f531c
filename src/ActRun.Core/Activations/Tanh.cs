using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>tanh: (exp(x) − exp(−x)) / (exp(x) + exp(−x)). Derivative: 1 − y².</summary>
public sealed class Tanh : VectorizedActivation<Tanh.Op>
{
    internal Tanh(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => FloatMath.Tanh(x);

        public float Derivative(float x, float y) => 1 - y * y;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.Tanh(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            1f - y * y;
    }
}
