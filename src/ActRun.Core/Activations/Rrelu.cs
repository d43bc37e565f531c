using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// rrelu (randomized leaky ReLU): x if x ≥ 0, else r · x, with r drawn uniformly from [lower, upper) per element
/// while training (from <see cref="ActivationContext.Rng"/>) and r = (lower + upper) / 2 at evaluation.
/// Derivative: 1, else r, recovered as y / x, so Backward needs no memory of the draws.
/// </summary>
public sealed class Rrelu : VectorizedActivation<Rrelu.Op>
{
    private readonly float _lower;
    private readonly float _upper;

    internal Rrelu(ActivationSpec spec, float lower, float upper) : base(spec, new Op((lower + upper) / 2))
    {
        _lower = lower;
        _upper = upper;
    }

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, in ActivationContext context)
    {
        if (!context.Training)
        {
            base.Forward(z, a, columns, context);
            return;
        }
        var rng = context.Rng ?? throw new ArgumentException("rrelu draws random slopes while training: the context needs an Rng.", nameof(context));
        // One draw per element whatever its sign, so the stream position depends only on the block size.
        for (int i = 0; i < z.Length; i++)
        {
            float slope = _lower + (_upper - _lower) * rng.NextFloat();
            a[i] = z[i] >= 0 ? z[i] : slope * z[i];
        }
    }

    public readonly struct Op(float meanSlope) : IActivationOp
    {
        public float Value(float x) => x >= 0 ? x : meanSlope * x;

        public float Derivative(float x, float y) => x >= 0 ? 1 : y / x;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThanOrEqual(x, 0f), x, meanSlope * x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThanOrEqual(x, 0f), 1f, y / x);
    }
}
