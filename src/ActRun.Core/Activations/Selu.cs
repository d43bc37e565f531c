using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// selu: scale · (x if x &gt; 0, else alpha · (exp(x) − 1)), with the fixed constants of Klambauer et al. (2017)
/// that make activations self-normalising under lecun_normal initialisation.
/// Derivative: scale, else y + scale · alpha.
/// </summary>
public sealed class Selu : VectorizedActivation<Selu.Op>
{
    public const float Alpha = 1.6732632423543772848170429916717f;
    public const float Scale = 1.0507009873554804934193349852946f;

    internal Selu(ActivationSpec spec) : base(spec, new Op())
    {
    }

    public readonly struct Op : IActivationOp
    {
        public float Value(float x) => Scale * (x > 0 ? x : Alpha * FloatMath.Expm1(x));

        public float Derivative(float x, float y) => x > 0 ? Scale : y + Scale * Alpha;

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            Scale * TVector.Select(TVector.GreaterThan(x, 0f), x, Alpha * FloatMath.Expm1(x));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            TVector.Select(TVector.GreaterThan(x, 0f), Scale, y + Scale * Alpha);
    }
}
