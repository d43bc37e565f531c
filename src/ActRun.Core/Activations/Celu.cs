using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>celu: max(0, x) + min(0, alpha · (exp(x / alpha) − 1)). Derivative: 1 if x &gt; 0, else y / alpha + 1 (= exp(x / alpha)).</summary>
public sealed class Celu : VectorizedActivation<Celu.Op>
{
    internal Celu(ActivationSpec spec, float alpha) : base(spec, new Op(alpha))
    {
    }

    public readonly struct Op(float alpha) : IActivationOp
    {
        public float Value(float x) => x > 0 ? x : alpha * FloatMath.Expm1(x / alpha);

        public float Derivative(float x, float y) => x > 0 ? 1 : y / alpha + 1;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), x, alpha * FloatMath.Expm1(x / alpha));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), 1f, y / alpha + 1f);
    }
}
