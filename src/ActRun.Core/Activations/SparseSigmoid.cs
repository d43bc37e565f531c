using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>sparse_sigmoid: clamp((x + 1) / 2, 0, 1). Derivative: 1/2 for −1 &lt; x &lt; 1, else 0.</summary>
public sealed class SparseSigmoid : VectorizedActivation<SparseSigmoid.Op>
{
    internal SparseSigmoid(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => MathF.Min(MathF.Max(0.5f * (x + 1), 0), 1);

        public float Derivative(float x, float y) => x > -1 && x < 1 ? 0.5f : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Min(TVector.Max(0.5f * (x + 1f), 0f), 1f);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.And(TVector.GreaterThan(x, -1f), TVector.LessThan(x, 1f)), 0.5f, 0f);
    }
}
