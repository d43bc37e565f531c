using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>relu: max(x, 0). Derivative: 1 if x &gt; 0, else 0 (0 at the kink, as PyTorch and Keras).</summary>
public sealed class Relu : VectorizedActivation<Relu.Op>
{
    public Relu() : base(new ActivationSpec("relu"), new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        // Max, not a comparison, so that NaN stays NaN.
        public float Value(float x) => MathF.Max(x, 0);

        public float Derivative(float x, float y) => x > 0 ? 1 : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> => TVector.Max(x, 0f);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), 1f, 0f);
    }
}
