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
        // Without a cap the slope above the threshold is 1 all the way, +inf included (x < inf is false there).
        private readonly float _cap = float.IsPositiveInfinity(maxValue) ? float.NaN : maxValue;

        // NaN fails the comparison and goes to the product, which keeps it NaN. Adding +0 turns 0·(negative)
        // = −0 into +0, so relu(−1) prints 0 as in PyTorch.
        public float Value(float x) => x > threshold ? MathF.Min(x, maxValue) : negativeSlope * (x - threshold) + 0f;

        public float Derivative(float x, float y) => x > threshold ? (x >= _cap ? 0 : 1) : negativeSlope;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, threshold), TVector.Min(x, maxValue), negativeSlope * (x - threshold) + 0f);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, threshold), TVector.Select(TVector.GreaterThanOrEqual(x, _cap), 0f, 1f), negativeSlope);
    }
}
