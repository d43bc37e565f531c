using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>hard_tanh: clamp(x, min_val, max_val). Derivative: 1 strictly inside, else 0.</summary>
public sealed class HardTanh : VectorizedActivation<HardTanh.Op>
{
    internal HardTanh(ActivationSpec spec, float minValue, float maxValue) : base(spec, new Op(minValue, maxValue))
    {
    }

    public readonly struct Op(float minValue, float maxValue) : IActivationOp
    {
        public float Value(float x) => MathF.Max(MathF.Min(x, maxValue), minValue);

        public float Derivative(float x, float y) => x > minValue && x < maxValue ? 1 : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Max(TVector.Min(x, maxValue), minValue);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.And(TVector.GreaterThan(x, minValue), TVector.LessThan(x, maxValue)), 1f, 0f);
    }
}
