using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>leaky_relu: x if x &gt; 0, else negative_slope · x. Derivative: 1, else negative_slope.</summary>
public sealed class LeakyRelu : VectorizedActivation<LeakyRelu.Op>
{
    internal LeakyRelu(ActivationSpec spec, float negativeSlope) : base(spec, new Op(negativeSlope))
    {
    }

    public readonly struct Op(float negativeSlope) : IActivationOp
    {
        public float Value(float x) => x > 0 ? x : negativeSlope * x;

        public float Derivative(float x, float y) => x > 0 ? 1 : negativeSlope;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), x, negativeSlope * x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), 1f, negativeSlope);
    }
}
