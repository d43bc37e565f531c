using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>hard_sigmoid: relu6(x + 3) / 6. Derivative: 1/6 for −3 &lt; x &lt; 3, else 0.</summary>
public sealed class HardSigmoid : VectorizedActivation<HardSigmoid.Op>
{
    internal HardSigmoid(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => MathF.Min(MathF.Max(x + 3, 0), 6) / 6;

        public float Derivative(float x, float y) => x > -3 && x < 3 ? 1f / 6 : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Min(TVector.Max(x + 3f, 0f), 6f) / 6f;

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.And(TVector.GreaterThan(x, -3f), TVector.LessThan(x, 3f)), 1f / 6, 0f);
    }
}
