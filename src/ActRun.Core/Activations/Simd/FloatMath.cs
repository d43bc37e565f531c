using System.Runtime.CompilerServices;

namespace ActRun.Core.Activations.Simd;

/// <summary>
/// The float math of the engine, each function written once over <see cref="IFloatVector{TSelf}"/>: the vector
/// paths run it on <see cref="FloatVector128"/>/256/512 and the scalar form on <see cref="FloatScalar"/>, so every
/// path performs the same IEEE operations in the same order and gives the same bits, on every machine.
/// Nothing here calls the platform's exp, log or tanh (MathF's come from the C library and differ between
/// glibc, macOS and Windows; .NET's vector Exp/Log differ from both): exp and log are Cephes' single-precision
/// range reductions and minimax polynomials (S. L. Moshier, Cephes Math Library 2.2, expf.c and logf.c),
/// built from +, −, ×, ÷ and exact integer work on the exponent bits, with no fused multiply-add.
/// Accuracy against double precision over the whole float range is tested in FloatMathTests.
/// </summary>
public static class FloatMath
{
    private const float Log2E = 1.44269504088896341f;

    /// <summary>1.5 · 2^23: adding it to a float of magnitude below 2^22 rounds it to an integer (to nearest even),
    /// which then sits in the low mantissa bits of the sum.</summary>
    private const float RoundingMagic = 12582912f;

    /// <summary>ln 2 in two parts; n · LnHigh is exact for the |n| ≤ 150 that occur.</summary>
    private const float LnHigh = 0.693359375f;
    private const float LnLow = -2.12194440e-4f;

    /// <summary>The int32 127 (the float exponent bias) as a lane bit pattern.</summary>
    private static readonly float ExponentBias = BitConverter.Int32BitsToSingle(127);

    private static readonly float MantissaMask = BitConverter.Int32BitsToSingle(0x007FFFFF);
    private const float SqrtHalf = 0.707106781186547524f;
    private const float SmallestNormal = 1.17549435e-38f;

    public static float Exp(float x) => Exp(new FloatScalar(x)).Value;

    /// <summary>
    /// exp(x) = 2^n · exp(r), n = round(x · log2 e), r = x − n · ln 2 in [−ln2/2, ln2/2] (Cephes expf): a degree-7
    /// polynomial for exp(r), then 2^n applied in two halves so that results down to the smallest subnormal round
    /// once. +inf above 88.75 (exp overflows from 88.7228), 0 below −104 (it underflows below −103.97), NaN stays NaN.
    /// </summary>
    public static TVector Exp<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector t = x * Log2E + RoundingMagic;
        TVector n = t - RoundingMagic;
        TVector r = x - n * LnHigh;
        r = r - n * LnLow;
        TVector r2 = r * r;
        TVector y = r2 * ExpPolynomial(r, r2) + r + 1f;
        TVector nBits = TVector.SubtractBits(t, RoundingMagic);
        TVector half = TVector.ShiftRightArithmeticBits(nBits, 1);
        TVector rest = TVector.SubtractBits(nBits, half);
        y = y * TVector.ShiftLeftBits(TVector.AddBits(half, ExponentBias), 23);
        y = y * TVector.ShiftLeftBits(TVector.AddBits(rest, ExponentBias), 23);
        y = TVector.Select(TVector.GreaterThan(x, 88.75f), float.PositiveInfinity, y);
        return TVector.Select(TVector.LessThan(x, -104f), 0f, y);
    }

    /// <summary>
    /// Cephes expf's polynomial: exp(r) = 1 + r + r² · P(r). Evaluated in Estrin's scheme (pairs, then powers of r²)
    /// rather than Horner's: the same accuracy, half the chain of dependent operations, which is what limits a
    /// vector loop whose exp feeds a log.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector ExpPolynomial<TVector>(TVector r, TVector r2) where TVector : struct, IFloatVector<TVector>
    {
        TVector a = r * 1.6666665459E-1f + 5.0000001201E-1f;
        TVector b = r * 8.3334519073E-3f + 4.1665795894E-2f;
        TVector c = r * 1.9875691500E-4f + 1.3981999507E-3f;
        return a + r2 * (b + r2 * c);
    }

    public static float Log(float x) => Log(new FloatScalar(x)).Value;

    /// <summary>
    /// Natural log (Cephes logf): x = m · 2^e with m in [√½, √2), log x = e · ln 2 + log(m), log(1 + f) by a
    /// degree-9 polynomial in f = m − 1 (exact). Subnormals are scaled by 2^23 first. log 0 = −inf, log(+inf) = +inf,
    /// negative or NaN gives NaN.
    /// </summary>
    public static TVector Log<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector subnormal = TVector.LessThan(x, SmallestNormal);
        TVector scaled = TVector.Select(subnormal, x * 8388608f, x);
        TVector exponentBits = TVector.SubtractBits(TVector.ShiftRightArithmeticBits(scaled, 23), ExponentBias);
        TVector e = TVector.ConvertBitsToSingle(exponentBits) + 1f - TVector.Select(subnormal, 23f, 0f);
        TVector m = TVector.Or(TVector.And(scaled, MantissaMask), 0.5f); // in [0.5, 1)
        TVector below = TVector.LessThan(m, SqrtHalf);
        e = e - TVector.Select(below, 1f, 0f);
        TVector f = TVector.Select(below, m + m - 1f, m - 1f);
        TVector result = LogReduced(f, e);
        result = TVector.Select(TVector.GreaterThan(x, float.MaxValue), x, result);
        result = TVector.Select(TVector.LessThanOrEqual(x, 0f), float.NegativeInfinity, result);
        return TVector.Select(TVector.GreaterThanOrEqual(x, 0f), result, float.NaN);
    }

    /// <summary>Logistic sigmoid, stable for large |x|: e/(1+e) with e = exp(-|x|), so exp never overflows.</summary>
    public static float Sigmoid(float x) => Sigmoid(new FloatScalar(x)).Value;

    public static TVector Sigmoid<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector e = Exp(-TVector.Abs(x));
        TVector onePlusE = 1f + e;
        return TVector.Select(TVector.GreaterThanOrEqual(x, 0f), 1f / onePlusE, e / onePlusE);
    }

    /// <summary>log(2^e · (1 + f)) for f in [√½ − 1, √2 − 1]: Cephes logf's polynomial, in Estrin's scheme (see ExpPolynomial).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector LogReduced<TVector>(TVector f, TVector e) where TVector : struct, IFloatVector<TVector>
    {
        TVector z = f * f;
        TVector z2 = z * z;
        TVector q0 = f * -2.4999993993E-1f + 3.3333331174E-1f;
        TVector q1 = f * -1.6668057665E-1f + 2.0000714765E-1f;
        TVector q2 = f * -1.2420140846E-1f + 1.4249322787E-1f;
        TVector q3 = f * -1.1514610310E-1f + 1.1676998740E-1f;
        TVector p = (q0 + z * q1) + z2 * ((q2 + z * q3) + z2 * 7.0376836292E-2f);
        TVector y = p * f * z;
        y = y + e * LnLow;
        y = y - 0.5f * z;
        return f + y + e * LnHigh;
    }

    public static float Log1pUnit(float e) => Log1pUnit(new FloatScalar(e)).Value;

    /// <summary>
    /// log(1 + e) for e in [0, 1] (what softplus needs, e = exp(−|x|)), without forming 1 + e: below √2 − 1 the
    /// polynomial takes f = e itself; above, log(1 + e) = ln 2 + log(1 + (e − 1)/2). No division, no exponent bits.
    /// </summary>
    public static TVector Log1pUnit<TVector>(TVector e) where TVector : struct, IFloatVector<TVector>
    {
        TVector upper = TVector.GreaterThanOrEqual(e, 0.41421356f);
        return LogReduced(TVector.Select(upper, (e - 1f) * 0.5f, e), TVector.Select(upper, 1f, 0f));
    }

    /// <summary>
    /// log(1 + e) for e ≥ 0, accurate when e is tiny (Goldberg's trick: the rounding of 1 + e cancels).
    /// </summary>
    public static float Log1pNonNegative(float e) => Log1pNonNegative(new FloatScalar(e)).Value;

    public static TVector Log1pNonNegative<TVector>(TVector e) where TVector : struct, IFloatVector<TVector>
    {
        TVector u = 1f + e;
        return TVector.Select(TVector.LessThanOrEqual(u, 1f), e, Log(u) * (e / (u - 1f)));
    }

    /// <summary>log(1 + exp(x)) without overflow: max(x, 0) + log1p(exp(-|x|)).</summary>
    public static float Softplus(float x) => Softplus(new FloatScalar(x)).Value;

    public static TVector Softplus<TVector>(TVector x) where TVector : struct, IFloatVector<TVector> =>
        TVector.Max(x, 0f) + Log1pUnit(Exp(-TVector.Abs(x)));

    public static float Tanh(float x) => Tanh(new FloatScalar(x)).Value;

    /// <summary>
    /// Eigen's 13/6 rational tanh: a couple of ulp on [-9, 9], ±1 outside; x itself below 0.0004 in magnitude
    /// (tanh x = x − x³/3 + …, so x is within half an ulp there, and subnormals keep their bits).
    /// </summary>
    public static TVector Tanh<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        // Beyond ±9 the result is ±1 (selected below, sign from x's sign bit); there the rational may overflow to
        // NaN, which the select drops. Selecting is cheaper than clamping with NaN-propagating Min and Max.
        TVector c = x;
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
        TVector ax = TVector.Abs(x);
        TVector result = TVector.Select(TVector.GreaterThan(ax, 9f), TVector.Or(TVector.And(x, -0f), 1f), c * p / q);
        return TVector.Select(TVector.LessThan(ax, 0.0004f), x, result);
    }

    /// <summary>
    /// exp(x) − 1 without the cancellation near 0.
    /// </summary>
    public static float Expm1(float x) => Expm1(new FloatScalar(x)).Value;

    public static TVector Expm1<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        // exp's reduction, x = n ln2 + r: expm1(r) = r + r² P(r) keeps its digits near 0, and
        // expm1(x) = 2^n expm1(r) + (2^n − 1), where 2^n − 1 is exact for the |n| ≤ 24 that matter (beyond, it
        // rounds to 2^n or −1 as the result does). Above 80 it is exp's own formula (2^n in two halves, as 2^128
        // overflows), which expm1 equals in float there.
        TVector t = x * Log2E + RoundingMagic;
        TVector n = t - RoundingMagic;
        TVector r = x - n * LnHigh;
        r = r - n * LnLow;
        TVector r2 = r * r;
        TVector em1 = r2 * ExpPolynomial(r, r2) + r;
        TVector nBits = TVector.SubtractBits(t, RoundingMagic);
        TVector half = TVector.ShiftRightArithmeticBits(nBits, 1);
        TVector rest = TVector.SubtractBits(nBits, half);
        TVector scaleHalf = TVector.ShiftLeftBits(TVector.AddBits(half, ExponentBias), 23);
        TVector scaleRest = TVector.ShiftLeftBits(TVector.AddBits(rest, ExponentBias), 23);
        TVector scale = scaleHalf * scaleRest;
        TVector result = TVector.Select(TVector.GreaterThan(x, 80f), (em1 + 1f) * scaleHalf * scaleRest, scale * em1 + (scale - 1f));
        result = TVector.Select(TVector.GreaterThan(x, 88.75f), float.PositiveInfinity, result);
        // Below −20, exp(x) is under half an ulp of 1 (and the reduction is not needed).
        result = TVector.Select(TVector.LessThan(x, -20f), -1f, result);
        // −0 stays −0 (r2 · P + r gives +0 for it).
        return TVector.Select(TVector.LessThan(TVector.Abs(x), 1e-30f), x, result);
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
        return t * Exp(p - z * z);
    }
}
