using ActRun.Core.Engine;

namespace ActRun.Core.Activations.Custom;

/// <summary>
/// The functions of the expression language that <see cref="Math"/> lacks or gets wrong for us,
/// in double, on <see cref="DoubleMath"/> so that they give the same bits on every machine; compiled
/// expressions call them directly.
/// </summary>
internal static class ExpressionMath
{
    /// <summary>1/(1+exp(-x)), in the form whose exp cannot overflow: for x &lt; 0, exp(x)/(1+exp(x)).</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0) return 1.0 / (1.0 + DoubleMath.Exp(-x));
        double e = DoubleMath.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>log(1+exp(x)) as max(x, 0) + log1p(exp(-|x|)): no overflow for large x, no loss for very negative x.</summary>
    public static double Softplus(double x) => Math.Max(x, 0.0) + LogOnePlus(DoubleMath.Exp(-Math.Abs(x)));

    /// <summary>max(x, 0); NaN stays NaN.</summary>
    public static double Relu(double x) => x > 0 ? x : (double.IsNaN(x) ? x : 0.0);

    /// <summary>-1, 0 or 1, and NaN for NaN (Math.Sign throws on NaN, which would crash training).</summary>
    public static double Sign(double x) => x > 0 ? 1.0 : x < 0 ? -1.0 : x;

    /// <summary>log(1+y) accurate for tiny y, where 1+y would round to 1 (.NET has no Math.Log1P).</summary>
    private static double LogOnePlus(double y)
    {
        double u = 1.0 + y;
        // The classic correction: log(u) * y / (u - 1) cancels the rounding error of forming u.
        return u == 1.0 ? y : DoubleMath.Log(u) * y / (u - 1.0);
    }
}
