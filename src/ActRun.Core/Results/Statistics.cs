namespace ActRun.Core.Results;

/// <summary>
/// The statistics behind summaries and verdicts: sample moments, Student-t confidence intervals and Welch's
/// t-test, with the t distribution computed from the regularized incomplete beta function (no tables).
/// </summary>
public static class Statistics
{
    public static double Mean(IReadOnlyList<double> values) => values.Count == 0 ? double.NaN : values.Average();

    /// <summary>Sample variance (n − 1); NaN for fewer than two values.</summary>
    public static double Variance(IReadOnlyList<double> values)
    {
        if (values.Count < 2) return double.NaN;
        double mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
    }

    /// <summary>Half-width of the 95% confidence interval of the mean (Student t, n − 1 degrees of freedom); NaN for n &lt; 2.</summary>
    public static double ConfidenceHalfWidth95(IReadOnlyList<double> values) =>
        values.Count < 2 ? double.NaN : StudentTQuantile(0.975, values.Count - 1) * Math.Sqrt(Variance(values) / values.Count);

    /// <summary>
    /// Welch's two-sample t-test (unequal variances): t, the Welch–Satterthwaite degrees of freedom, and the
    /// two-sided p-value. NaN when either sample has fewer than two values or both have zero variance.
    /// </summary>
    public static (double T, double DegreesOfFreedom, double P) WelchTTest(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count < 2 || b.Count < 2) return (double.NaN, double.NaN, double.NaN);
        double va = Variance(a) / a.Count, vb = Variance(b) / b.Count;
        if (va + vb == 0) return (double.NaN, double.NaN, double.NaN);
        double t = (Mean(a) - Mean(b)) / Math.Sqrt(va + vb);
        double df = (va + vb) * (va + vb) / (va * va / (a.Count - 1) + vb * vb / (b.Count - 1));
        return (t, df, 2 * StudentTUpperTail(Math.Abs(t), df));
    }

    /// <summary>P(T > t) for Student's t with ν degrees of freedom (t ≥ 0): ½ I_{ν/(ν+t²)}(ν/2, ½).</summary>
    public static double StudentTUpperTail(double t, double nu) =>
        0.5 * RegularizedIncompleteBeta(nu / 2, 0.5, nu / (nu + t * t));

    /// <summary>The p-quantile of Student's t with ν degrees of freedom (p in (0.5, 1)), by bisection on the CDF.</summary>
    public static double StudentTQuantile(double p, double nu)
    {
        double low = 0, high = 1;
        while (StudentTUpperTail(high, nu) > 1 - p) high *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * high; i++)
        {
            double mid = (low + high) / 2;
            if (StudentTUpperTail(mid, nu) > 1 - p) low = mid; else high = mid;
        }
        return (low + high) / 2;
    }

    /// <summary>I_x(a, b), by the continued fraction (Numerical Recipes §6.4), using the symmetry for convergence.</summary>
    public static double RegularizedIncompleteBeta(double a, double b, double x)
    {
        if (x <= 0) return 0;
        if (x >= 1) return 1;
        double front = Math.Exp(LogGamma(a + b) - LogGamma(a) - LogGamma(b) + a * Math.Log(x) + b * Math.Log(1 - x));
        return x < (a + 1) / (a + b + 2)
            ? front * BetaContinuedFraction(a, b, x) / a
            : 1 - front * BetaContinuedFraction(b, a, 1 - x) / b;
    }

    private static double BetaContinuedFraction(double a, double b, double x)
    {
        const double Tiny = 1e-300;
        double c = 1, d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
        double h = d;
        for (int m = 1; m <= 500; m++)
        {
            for (int pass = 0; pass < 2; pass++)
            {
                double numerator = pass == 0
                    ? m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
                    : -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1));
                d = 1 + numerator * d;
                d = 1 / (Math.Abs(d) < Tiny ? Tiny : d);
                c = 1 + numerator / c;
                if (Math.Abs(c) < Tiny) c = Tiny;
                h *= d * c;
                if (pass == 1 && Math.Abs(d * c - 1) < 1e-15) return h;
            }
        }
        return h;
    }

    /// <summary>ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9; relative error ~1e-15).</summary>
    public static double LogGamma(double x)
    {
        ReadOnlySpan<double> c =
        [
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
        ];
        if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - LogGamma(1 - x);
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) sum += c[i] / (x + i);
        double t = x + 7.5;
        return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }
}
