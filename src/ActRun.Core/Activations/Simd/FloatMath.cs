namespace ActRun.Core.Activations.Simd;

/// <summary>
/// Shared pieces of activation formulas, each in a scalar form and a vector form side by side.
/// The vector form of tanh is Eigen's rational approximation (a few ulp in float); the scalar form uses libm.
/// Where .NET has no scalar function (expm1, erfc), one generic form serves both paths via <see cref="FloatScalar"/>.
/// </summary>
public static class FloatMath
{
    /// <summary>Logistic sigmoid, stable for large |x|: e/(1+e) with e = exp(-|x|), so exp never overflows.</summary>
    public static float Sigmoid(float x)
    {
        float e = MathF.Exp(-MathF.Abs(x));
        return x >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    public static TVector Sigmoid<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector e = TVector.Exp(-TVector.Abs(x));
        TVector onePlusE = 1f + e;
        return TVector.Select(TVector.GreaterThanOrEqual(x, 0f), 1f / onePlusE, e / onePlusE);
    }

    /// <summary>
    /// log(1 + e) for e ≥ 0, accurate when e is tiny (Goldberg's trick: the rounding of 1 + e cancels).
    /// Vector code has no log1p, so both forms use the same trick and agree.
    /// </summary>
    public static float Log1pNonNegative(float e)
    {
        float u = 1 + e;
        return u <= 1 ? e : MathF.Log(u) * (e / (u - 1));
    }

    public static TVector Log1pNonNegative<TVector>(TVector e) where TVector : struct, IFloatVector<TVector>
    {
        TVector u = 1f + e;
        return TVector.Select(TVector.LessThanOrEqual(u, 1f), e, TVector.Log(u) * (e / (u - 1f)));
    }

    /// <summary>log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).</summary>
    public static float Softplus(float x) => MathF.Max(x, 0) + Log1pNonNegative(MathF.Exp(-MathF.Abs(x)));

    public static TVector Softplus<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
        TVector.Max(x, 0f) + Log1pNonNegative(TVector.Exp(-TVector.Abs(x)));

    public static float Tanh(float x) => MathF.Tanh(x);

    /// <summary>Eigen's 13/6 rational tanh: a couple of ulp on [-9, 9], ±1 outside.</summary>
    public static TVector Tanh<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector c = TVector.Max(TVector.Min(x, 9f), -9f);
        TVector c2 = c * c;
        TVector p = c2 * -2.76076847742355e-16f + 2.00018790482477e-13f;
        p = c2 * p + -8.60467152213735e-11f;
        p = c2 * p + 5.12229709037114e-08f;
        p = c2 * p + 1.48572235717979e-05f;
        p = c2 * p + 6.37261928875436e-04f;
        p = c2 * p + 4.89352455891786e-03f;
        TVector q = c2 * 1.19825839466702e-06f + 1.18534705686654e-04f;
        q = c2 * q + 2.26843463243900e-03f;
        q = c2 * q + 4.89352518554385e-03f;
        return c * p / q;
    }

    /// <summary>
    /// exp(x) − 1 without the cancellation near 0 (Kahan's trick: (u − 1) · x / log(u) with u = exp(x) rounded,
    /// exact for the rounded u). Written once over <see cref="FloatScalar"/> and the vectors, so both paths agree.
    /// </summary>
    public static float Expm1(float x) => Expm1(new FloatScalar(x)).Value;

    public static TVector Expm1<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector u = TVector.Exp(x);
        TVector uMinus1 = u - 1f;
        TVector result = uMinus1 * (x / TVector.Log(u));
        result = TVector.Select(TVector.LessThanOrEqual(TVector.Abs(uMinus1), 0f), x, result);
        result = TVector.Select(TVector.LessThanOrEqual(u, 0f), -1f, result);
        return TVector.Select(TVector.GreaterThan(u, float.MaxValue), u, result);
    }

    /// <summary>Standard normal CDF Φ(x) = erfc(−x/√2) / 2, accurate relative to Φ in the lower tail.</summary>
    public static float NormalCdf(float x) => NormalCdf(new FloatScalar(x)).Value;

    public static TVector NormalCdf<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector half = 0.5f * ErfcNonNegative(TVector.Abs(x) * 0.70710678118654752f);
        return TVector.Select(TVector.LessThan(x, 0f), half, 1f - half);
    }

    /// <summary>
    /// erfc(z) for z ≥ 0 with relative error below 1.2e-7 everywhere (Numerical Recipes' Chebyshev fit, erfcc).
    /// Relative, not absolute, accuracy is the point: 1 + erf(x) would lose all digits in gelu's negative tail.
    /// .NET has no erf or erfc, so both paths use this one.
    /// </summary>
    public static TVector ErfcNonNegative<TVector>(TVector z) where TVector : struct, IFloatVector<TVector>
    {
        TVector t = 1f / (1f + 0.5f * z);
        TVector p = t * 0.17087277f + -0.82215223f;
        p = t * p + 1.48851587f;
        p = t * p + -1.13520398f;
        p = t * p + 0.27886807f;
        p = t * p + -0.18628806f;
        p = t * p + 0.09678418f;
        p = t * p + 0.37409196f;
        p = t * p + 1.00002368f;
        p = t * p + -1.26551223f;
        return t * TVector.Exp(p - z * z);
    }
}
