namespace ActRun.Core.Activations.Simd;

/// <summary>
/// Shared pieces of activation formulas, each in a scalar form and a vector form side by side.
/// The vector forms of tanh and erf are rational approximations (Eigen's, accurate to a few ulp in float);
/// the scalar forms use the runtime's libm where it has one.
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
    /// Error function: Eigen's (and XLA's) 13/8 rational approximation on x clamped to [-4, 4], accurate to a
    /// few float ulp (erf(±4) rounds to ±1 in float). .NET has no erf, so both forms use it and agree.
    /// </summary>
    public static float Erf(float x) => Erf(new FloatScalar(x)).Value;

    public static TVector Erf<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>
    {
        TVector c = TVector.Max(TVector.Min(x, 4f), -4f);
        TVector c2 = c * c;
        TVector p = c2 * -2.72614225801306e-10f + 2.77068142495902e-08f;
        p = c2 * p + -2.10102402082508e-06f;
        p = c2 * p + -5.69250639462346e-05f;
        p = c2 * p + -7.34990630326855e-04f;
        p = c2 * p + -2.95459980854025e-03f;
        p = c2 * p + -1.60960333262415e-02f;
        TVector q = c2 * -1.45660718464996e-05f + -2.13374055278905e-04f;
        q = c2 * q + -1.68282697438203e-03f;
        q = c2 * q + -7.37332916720468e-03f;
        q = c2 * q + -1.42647390514189e-02f;
        return c * p / q;
    }
}
