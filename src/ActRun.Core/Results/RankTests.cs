using MathNet.Numerics.Distributions;

namespace ActRun.Core.Results;

/// <summary>
/// The Friedman test over several datasets (Demšar 2006): the variants' average ranks (1 = best), Friedman's χ²
/// with scipy's tie correction, the Iman–Davenport F, and the Nemenyi critical difference at α = 0.05.
/// </summary>
public sealed record FriedmanTest(int Datasets, IReadOnlyList<double> AverageRanks, double ChiSquare, double P, double ImanDavenportF, double ImanDavenportP, double CriticalDifference)
{
    public int Variants => AverageRanks.Count;
}

public static class RankTests
{
    /// <summary>
    /// q_0.05 of the Nemenyi test for k = 2..20 variants: the studentized range quantile at infinite degrees of
    /// freedom divided by √2 (Demšar 2006, table 5a, for k ≤ 10; scipy.stats.studentized_range.ppf(0.95, k, ∞)/√2 beyond).
    /// </summary>
    public static IReadOnlyList<double> NemenyiQ05 { get; } =
    [
        1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164,
        3.219, 3.268, 3.313, 3.354, 3.391, 3.426, 3.458, 3.489, 3.517, 3.544,
    ];

    /// <summary>Most variants the critical difference is tabulated for.</summary>
    public static int MaxNemenyiVariants => NemenyiQ05.Count + 1;

    /// <summary>
    /// <paramref name="scores"/>[dataset][variant], each dataset's row ranked (1 = best: the highest score when
    /// <paramref name="higherIsBetter"/>, ties averaged). χ² as scipy.stats.friedmanchisquare (tie-corrected),
    /// F_F = (N − 1)χ²/(N(k − 1) − χ²) on (k − 1, (k − 1)(N − 1)) degrees of freedom, CD = q_0.05·√(k(k + 1)/(6N))
    /// (NaN beyond <see cref="MaxNemenyiVariants"/>). Needs at least two datasets and two variants.
    /// </summary>
    public static FriedmanTest Friedman(IReadOnlyList<IReadOnlyList<double>> scores, bool higherIsBetter)
    {
        int n = scores.Count, k = n == 0 ? 0 : scores[0].Count;
        if (n < 2 || k < 2 || scores.Any(r => r.Count != k))
            throw new ArgumentException("the Friedman test needs at least two datasets and the same two or more variants on each.");
        var sums = new double[k];
        double ties = 0;
        foreach (var row in scores)
        {
            var ranks = PairedTests.AverageRanks(higherIsBetter ? row.Select(v => -v).ToList() : row);
            for (int j = 0; j < k; j++) sums[j] += ranks[j];
            ties += PairedTests.TieSizes(row).Sum(t => t * ((double)t * t - 1));
        }
        double correction = 1 - ties / (k * (k * (double)k - 1) * n);
        double chi = correction > 0 ? (12.0 / (k * n * (k + 1.0)) * sums.Sum(s => s * s) - 3.0 * n * (k + 1)) / correction : 0;
        double p = 1 - ChiSquared.CDF(k - 1, chi);
        double denominator = n * (k - 1.0) - chi;
        double f = denominator > 0 ? (n - 1) * chi / denominator : double.PositiveInfinity;
        double fp = double.IsPositiveInfinity(f) ? 0 : 1 - FisherSnedecor.CDF(k - 1, (k - 1.0) * (n - 1), f);
        double cd = k <= MaxNemenyiVariants ? NemenyiQ05[k - 2] * Math.Sqrt(k * (k + 1.0) / (6.0 * n)) : double.NaN;
        return new FriedmanTest(n, sums.Select(s => s / n).ToList(), chi, p, f, fp, cd);
    }
}
