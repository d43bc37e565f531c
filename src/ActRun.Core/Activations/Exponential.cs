using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>exponential: exp(x). Derivative: y.</summary>
public sealed class Exponential : VectorizedActivation<Exponential.Op>
{
    internal Exponential(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => FloatMath.Exp(x);

        public float Derivative(float x, float y) => y;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.Exp(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            y;
    }
}
