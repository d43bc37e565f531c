using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>log_sigmoid: log(sigmoid(x)) = −softplus(−x), stable for large |x|. Derivative: sigmoid(−x).</summary>
public sealed class LogSigmoid : VectorizedActivation<LogSigmoid.Op>
{
    internal LogSigmoid(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => -FloatMath.Softplus(-x);

        public float Derivative(float x, float y) => FloatMath.Sigmoid(-x);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            -FloatMath.Softplus(-x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.Sigmoid(-x);
    }
}
