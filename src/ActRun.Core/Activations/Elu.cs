using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>elu: x if x &gt; 0, else alpha · (exp(x) − 1). Derivative: 1, else y + alpha.</summary>
public sealed class Elu : VectorizedActivation<Elu.Op>
{
    internal Elu(ActivationSpec spec, float alpha) : base(spec, new Op(alpha))
    {
    }

    public readonly struct Op(float alpha) : IActivationOp
    {
        public float Value(float x) => x > 0 ? x : alpha * FloatMath.Expm1(x);

        public float Derivative(float x, float y) => x > 0 ? 1 : y + alpha;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), x, alpha * FloatMath.Expm1(x));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), 1f, y + alpha);
    }
}
