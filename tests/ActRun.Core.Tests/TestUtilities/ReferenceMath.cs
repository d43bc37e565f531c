namespace ActRun.Core.Tests.TestUtilities;

/// <summary>Double-precision functions the reference definitions need and .NET lacks, written for clarity.</summary>
public static class ReferenceMath
{
    public static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>log(1 + exp(x)), stable.</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + Log1p(Math.Exp(-Math.Abs(x)));

    public static double Log1p(double x) => Math.Abs(x) < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);

    /// <summary>Standard normal CDF Φ(x) = erfc(-x/√2)/2, accurate in both tails.</summary>
    public static double NormalCdf(double x) => Erfc(-x / Math.Sqrt(2)) / 2;

    /// <summary>erf by its Taylor series for |x| ≤ 2.5 (error ~1e-15), else 1 − erfc.</summary>
    public static double Erf(double x)
    {
        if (Math.Abs(x) > 2.5) return Math.Sign(x) * (1 - Erfc(Math.Abs(x)));
        double sum = 0, term = x;
        for (int n = 0; n < 80; n++)
        {
            sum += term / (2 * n + 1);
            term *= -x * x / (n + 1);
        }
        return 2 / Math.Sqrt(Math.PI) * sum;
    }

    /// <summary>erfc: for x &gt; 2.5 Laplace's continued fraction (relative error ~1e-15); otherwise 1 − erf.</summary>
    public static double Erfc(double x)
    {
        if (x < 2.5) return 1 - Erf(x);
        double fraction = 0;
        for (int k = 200; k >= 1; k--) fraction = k / 2.0 / (x + fraction);
        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / (x + fraction);
    }
}
