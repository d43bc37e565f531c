using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>relu6: min(max(x, 0), 6). Derivative: 1 for 0 &lt; x &lt; 6, else 0.</summary>
public sealed class Relu6 : VectorizedActivation<Relu6.Op>
{
    internal Relu6(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => MathF.Min(MathF.Max(x, 0), 6);

        public float Derivative(float x, float y) => x > 0 && x < 6 ? 1 : 0;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            TVector.Min(TVector.Max(x, 0f), 6f);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.And(TVector.GreaterThan(x, 0f), TVector.LessThan(x, 6f)), 1f, 0f);
    }
}
