using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// softplus (PyTorch form): log(1 + exp(beta · x)) / beta (computed as max(beta·x, 0) + log1p(exp(−|beta·x|)), over beta), and x where beta · x &gt; threshold (linear there, which
/// also keeps exp from overflowing). Derivative: sigmoid(beta · x), and 1 above the threshold.
/// </summary>
public sealed class Softplus : VectorizedActivation<Softplus.Op>
{
    internal Softplus(ActivationSpec spec, float beta, float threshold) : base(spec, new Op(beta, threshold))
    {
    }

    public readonly struct Op(float beta, float threshold) : IActivationOp
    {
        public float Value(float x) =>
            beta * x > threshold ? x : FloatMath.Softplus(beta * x) / beta;

        public float Derivative(float x, float y) => beta * x > threshold ? 1 : FloatMath.Sigmoid(beta * x);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(beta * x, threshold), x, FloatMath.Softplus(beta * x) / beta);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(beta * x, threshold), 1f, FloatMath.Sigmoid(beta * x));
    }
}
