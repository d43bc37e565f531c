using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>soft_shrink: x − lambda if x &gt; lambda, x + lambda if x &lt; −lambda, else 0. Derivative: 1 outside [−lambda, lambda], else 0.</summary>
public sealed class SoftShrink : VectorizedActivation<SoftShrink.Op>
{
    internal SoftShrink(ActivationSpec spec, float lambda) : base(spec, new Op(lambda))
    {
    }

    public readonly struct Op(float lambda) : IActivationOp
    {
        public float Value(float x) => x > lambda ? x - lambda : x < -lambda ? x + lambda : x * 0;

        public float Derivative(float x, float y) => x > lambda || x < -lambda ? 1 : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, lambda), x - lambda, TVector.Select(TVector.LessThan(x, -lambda), x + lambda, x * 0f));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThanOrEqual(TVector.Abs(x), lambda), 0f, 1f);
    }
}
