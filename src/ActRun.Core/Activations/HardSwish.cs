using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>hard_swish: x · relu6(x + 3) / 6. Derivative: 0 below −3, (2x + 3) / 6 up to 3 (inclusive, as PyTorch), 1 above.</summary>
public sealed class HardSwish : VectorizedActivation<HardSwish.Op>
{
    internal HardSwish(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x * (MathF.Min(MathF.Max(x + 3, 0), 6) / 6);

        public float Derivative(float x, float y) => x < -3 ? 0 : x <= 3 ? (2 * x + 3) / 6 : 1;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            x * (TVector.Min(TVector.Max(x + 3f, 0f), 6f) / 6f);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThan(x, -3f), 0f, TVector.Select(TVector.LessThanOrEqual(x, 3f), (2f * x + 3f) / 6f, 1f));
    }
}
