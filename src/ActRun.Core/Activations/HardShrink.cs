using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>hard_shrink: x if |x| &gt; lambda, else 0. Derivative: 1 outside [−lambda, lambda], else 0.</summary>
public sealed class HardShrink : VectorizedActivation<HardShrink.Op>
{
    internal HardShrink(ActivationSpec spec, float lambda) : base(spec, new Op(lambda))
    {
    }

    public readonly struct Op(float lambda) : IActivationOp
    {
        public float Value(float x) => x >= -lambda && x <= lambda ? 0 : x;

        public float Derivative(float x, float y) => x >= -lambda && x <= lambda ? 0 : 1;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThanOrEqual(TVector.Abs(x), lambda), 0f, x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThanOrEqual(TVector.Abs(x), lambda), 0f, 1f);
    }
}
