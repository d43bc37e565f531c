using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>sparse_plus: 0 if x ≤ −1, (x + 1)² / 4 if −1 &lt; x &lt; 1, x if x ≥ 1. Derivative: 0, (x + 1) / 2, 1.</summary>
public sealed class SparsePlus : VectorizedActivation<SparsePlus.Op>
{
    internal SparsePlus(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => x >= 1 ? x : x <= -1 ? 0 : (x + 1) * (x + 1) / 4;

        public float Derivative(float x, float y) => x >= 1 ? 1 : x <= -1 ? 0 : (x + 1) / 2;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThanOrEqual(x, 1f), x, TVector.Select(TVector.LessThanOrEqual(x, -1f), 0f, (x + 1f) * (x + 1f) / 4f));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThanOrEqual(x, 1f), 1f, TVector.Select(TVector.LessThanOrEqual(x, -1f), 0f, (x + 1f) / 2f));
    }
}
