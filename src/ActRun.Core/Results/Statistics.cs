using MathNet.Numerics.Distributions;

namespace ActRun.Core.Results;

/// <summary>
/// Sample moments and the Student-t interval behind summaries. The distributions come from Math.NET Numerics
/// (<see cref="StudentT"/>); the tests built on them are in <see cref="PairedTests"/> and <see cref="RankTests"/>.
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

    /// <summary>The p-quantile of Student's t with ν degrees of freedom.</summary>
    public static double StudentTQuantile(double p, double nu) => StudentT.InvCDF(0, 1, nu, p);

    /// <summary>P(T &gt; t) for Student's t with ν degrees of freedom.</summary>
    public static double StudentTUpperTail(double t, double nu) => StudentT.CDF(0, 1, nu, -t); // the lower tail at −t: no cancellation far out
}
