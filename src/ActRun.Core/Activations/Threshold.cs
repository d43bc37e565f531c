using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>threshold: x if x &gt; threshold, else value (NaN passes through, as PyTorch). Derivative: 1 above the threshold, else 0.</summary>
public sealed class Threshold : VectorizedActivation<Threshold.Op>
{
    internal Threshold(ActivationSpec spec, float threshold, float value) : base(spec, new Op(threshold, value))
    {
    }

    public readonly struct Op(float threshold, float value) : IActivationOp
    {
        public float Value(float x) => x <= threshold ? value : x;

        public float Derivative(float x, float y) => x <= threshold ? 0 : 1;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThanOrEqual(x, threshold), value, x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.LessThanOrEqual(x, threshold), 0f, 1f);
    }
}
