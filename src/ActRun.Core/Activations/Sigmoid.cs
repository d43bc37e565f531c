using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>sigmoid: 1 / (1 + exp(−x)), in the stable form for large |x|. Derivative: y · (1 − y).</summary>
public sealed class Sigmoid : VectorizedActivation<Sigmoid.Op>
{
    internal Sigmoid(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => FloatMath.Sigmoid(x);

        public float Derivative(float x, float y) => y * (1 - y);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.Sigmoid(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            y * (1f - y);
    }
}
