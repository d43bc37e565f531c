using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// gelu: x · Φ(x) = x/2 · (1 + erf(x / √2)), with Φ from erfc so the negative tail keeps its digits.
/// Derivative: Φ(x) + x · φ(x).
/// With approximate=true the tanh form x/2 · (1 + tanh(u)), u = √(2/π) · (x + 0.044715 x³), computed as
/// x · sigmoid(2u) (the same function, without 1 + tanh cancelling); derivative
/// s + x · 2s(1 − s) · √(2/π) · (1 + 3 · 0.044715 x²) with s = sigmoid(2u), 1 − s = sigmoid(−2u).
/// </summary>
public sealed class Gelu : VectorizedActivation<Gelu.Op>
{
    private const float InvSqrt2Pi = 0.39894228040143268f;
    private const float Sqrt2OverPi = 0.79788456080286536f;
    private const float Cubic = 0.044715f;

    internal Gelu(ActivationSpec spec, bool approximate) : base(spec, new Op(approximate))
    {
    }

    /// <summary>Picks the form once per call; the branch is the same for every lane.</summary>
    public readonly struct Op(bool approximate) : IActivationOp
    {
        public float Value(float x) => approximate ? default(TanhForm).Value(x) : default(ErfForm).Value(x);

        public float Derivative(float x, float y) =>
            approximate ? default(TanhForm).Derivative(x, y) : default(ErfForm).Derivative(x, y);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            approximate ? default(TanhForm).Value(x) : default(ErfForm).Value(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            approximate ? default(TanhForm).Derivative(x, y) : default(ErfForm).Derivative(x, y);
    }

    private readonly struct ErfForm : IActivationOp
    {
        public float Value(float x) => x * FloatMath.NormalCdf(x);

        public float Derivative(float x, float y) => FloatMath.NormalCdf(x) + x * InvSqrt2Pi * FloatMath.Exp(-0.5f * x * x);

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> => x * FloatMath.NormalCdf(x);

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector> =>
            FloatMath.NormalCdf(x) + x * InvSqrt2Pi * FloatMath.Exp(-0.5f * x * x);
    }

    private readonly struct TanhForm : IActivationOp
    {
        public float Value(float x) => x * FloatMath.Sigmoid(TwoU(x));

        public float Derivative(float x, float y)
        {
            float u2 = TwoU(x);
            float s = FloatMath.Sigmoid(u2);
            return s + x * 2 * s * FloatMath.Sigmoid(-u2) * Sqrt2OverPi * (1 + 3 * Cubic * x * x);
        }

        public TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> => x * FloatMath.Sigmoid(TwoU(x));

        public TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector>
        {
            TVector u2 = TwoU(x);
            TVector s = FloatMath.Sigmoid(u2);
            return s + x * 2f * s * FloatMath.Sigmoid(-u2) * Sqrt2OverPi * (1f + 3f * Cubic * x * x);
        }

        private static float TwoU(float x) => 2 * Sqrt2OverPi * (x + Cubic * x * x * x);

        private static TVector TwoU<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
            2f * Sqrt2OverPi * (x + Cubic * x * x * x);
    }
}
