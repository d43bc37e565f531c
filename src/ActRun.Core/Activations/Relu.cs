using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// relu (with Keras's parameters): max_value if x ≥ max_value, x if threshold &lt; x &lt; max_value,
/// negative_slope · (x − threshold) otherwise; plain max(x, 0) at the defaults.
/// Derivative: 1 between threshold and max_value, 0 above, negative_slope below (0 at the kinks, as PyTorch and Keras).
/// </summary>
public sealed class Relu : VectorizedActivation<Relu.Op>
{
    public Relu() : this(new ActivationSpec("relu"), 0, float.PositiveInfinity, 0)
    {
    }

    internal Relu(ActivationSpec spec, float negativeSlope, float maxValue, float threshold)
        : base(spec, new Op(negativeSlope, maxValue, threshold))
    {
    }

    public readonly struct Op(float negativeSlope, float maxValue, float threshold) : IActivationOp
    {
        // NaN fails the comparison and goes to the product, which keeps it NaN.
        public float Value(float x) => x > threshold ? MathF.Min(x, maxValue) : negativeSlope * (x - threshold);

        public float Derivative(float x, float y) => x > threshold ? (x < maxValue ? 1 : 0) : negativeSlope;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, threshold), TVector.Min(x, maxValue), negativeSlope * (x - threshold));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, threshold), TVector.Select(TVector.LessThan(x, maxValue), 1f, 0f), negativeSlope);
    }
}
