using MathNet.Numerics.Distributions;

namespace ActRun.Core.Results;

/// <summary>A paired t-test of a − b: the mean difference, its 95% interval, t, its p-value and Cohen's d_z.</summary>
public sealed record PairedTTest(int N, double MeanDifference, double SdDifference, double T, double DegreesOfFreedom, double P, double CiLow, double CiHigh)
{
    /// <summary>Cohen's d_z: the mean difference in units of the standard deviation of the differences.</summary>
    public double CohenDz => SdDifference > 0 ? MeanDifference / SdDifference : double.NaN;
}

/// <summary>Wilcoxon's signed-rank test of a − b: T = min(W+, W−), the two-sided p-value and whether it is exact.</summary>
public sealed record WilcoxonTest(int N, int Zeros, double Statistic, double P, bool Exact);

/// <summary>
/// Tests for paired samples (seed i of one variant against seed i of another: same split, same initial draws,
/// same batch order), built on Math.NET Numerics' distributions. Each follows scipy.stats' definition and is
/// checked against its numbers (tests/ActRun.Core.Tests/Results/reference/).
/// </summary>
public static class PairedTests
{
    /// <summary>scipy.stats.ttest_rel(a, b) and the t interval of the mean difference. NaN with fewer than two pairs.</summary>
    public static PairedTTest TTest(IReadOnlyList<double> a, IReadOnlyList<double> b, double confidence = 0.95)
    {
        var d = Differences(a, b);
        int n = d.Length;
        if (n < 2) return new(n, n == 1 ? d[0] : double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double mean = d.Average(), sd = Math.Sqrt(Statistics.Variance(d)), se = sd / Math.Sqrt(n);
        int df = n - 1;
        // No spread: t is ±∞ (p = 0) for a nonzero mean, undefined for a zero one (as scipy).
        double t = se > 0 ? mean / se : mean == 0 ? double.NaN : Math.CopySign(double.PositiveInfinity, mean);
        double p = double.IsNaN(t) ? double.NaN : double.IsInfinity(t) ? 0 : 2 * StudentT.CDF(0, 1, df, -Math.Abs(t));
        double half = StudentT.InvCDF(0, 1, df, (1 + confidence) / 2) * se;
        return new(n, mean, sd, t, df, p, mean - half, mean + half);
    }

    /// <summary>
    /// Wilcoxon's signed-rank test as scipy.stats.wilcoxon(a, b) with its defaults (zero_method "wilcox", no
    /// continuity correction, method "auto"): up to 50 pairs without a zero difference, the exact null
    /// distribution of W+ — with tied |differences| the exact distribution of their average ranks (all 2^n sign
    /// patterns, counted by subset sums of the doubled ranks), where scipy truncates a half-integer W+ — and with
    /// zero differences, as scipy, they are dropped and the normal approximation with the tie correction is used;
    /// beyond 50 pairs that approximation too. NaN when every difference is zero.
    /// </summary>
    public static WilcoxonTest Wilcoxon(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        var all = Differences(a, b);
        int zeros = all.Count(v => v == 0);
        var d = all.Where(v => v != 0).ToArray();
        int n = d.Length;
        if (n == 0) return new(all.Length, zeros, double.NaN, double.NaN, false);
        var ranks = AverageRanks(d.Select(Math.Abs).ToArray());
        double plus = 0, minus = 0;
        for (int i = 0; i < n; i++)
            if (d[i] > 0) plus += ranks[i]; else minus += ranks[i];
        double statistic = Math.Min(plus, minus);
        if (zeros == 0 && n <= 50)
            return new(n, 0, statistic, ExactSignedRankP(ranks, d), true);
        var ties = TieSizes(d.Select(Math.Abs).ToArray()).Where(t => t > 1).ToList();
        double mean = n * (n + 1) / 4.0;
        double variance = (n * (n + 1.0) * (2 * n + 1) - 0.5 * ties.Sum(t => t * (t * (double)t - 1))) / 24;
        double z = (statistic - mean) / Math.Sqrt(variance);
        return new(n, zeros, statistic, Math.Min(1, 2 * Normal.CDF(0, 1, -Math.Abs(z))), false);
    }

    /// <summary>
    /// Two-sided exact p of W+ under the null (each sign equally likely): the count of sign patterns whose doubled
    /// rank sum is at most (at least) the observed one, over 2^n; the distribution is symmetric, so p = 2·min(tails).
    /// </summary>
    private static double ExactSignedRankP(IReadOnlyList<double> ranks, IReadOnlyList<double> d)
    {
        var doubled = ranks.Select(r => (int)Math.Round(2 * r)).ToArray(); // average ranks are whole or half
        int max = doubled.Sum(), plus = 0;
        for (int i = 0; i < doubled.Length; i++) if (d[i] > 0) plus += doubled[i];
        var count = new double[max + 1]; // count[s]: sign patterns with doubled W+ = s; at most 2^50, exact in a double
        count[0] = 1;
        foreach (int r in doubled)
            for (int s = max; s >= r; s--) count[s] += count[s - r];
        if (2 * plus == max) return 1;
        double lower = 0, upper = 0;
        for (int s = 0; s <= plus; s++) lower += count[s];
        for (int s = plus; s <= max; s++) upper += count[s];
        return Math.Min(1, 2 * Math.Min(lower, upper) / Math.Pow(2, doubled.Length));
    }

    /// <summary>
    /// Holm's step-down adjustment (as statsmodels' multipletests(method="holm")): the i-th smallest of m p-values
    /// becomes max over j ≤ i of min(1, (m − j + 1)·p_(j)). NaN p-values stay NaN and do not count in m.
    /// </summary>
    public static double[] Holm(IReadOnlyList<double> p)
    {
        var adjusted = Enumerable.Repeat(double.NaN, p.Count).ToArray();
        var order = Enumerable.Range(0, p.Count).Where(i => !double.IsNaN(p[i])).OrderBy(i => p[i]).ToList();
        double running = 0;
        for (int j = 0; j < order.Count; j++)
        {
            running = Math.Max(running, Math.Min(1, (order.Count - j) * p[order[j]]));
            adjusted[order[j]] = running;
        }
        return adjusted;
    }

    /// <summary>
    /// The two one-sided tests (TOST) for equivalence of a and b within ±<paramref name="margin"/>: p of
    /// "mean difference ≤ −m" and of "mean difference ≥ +m" (each scipy.stats.ttest_1samp of the differences,
    /// one-sided); equivalence is shown at level α when the larger, <c>P</c>, is below α.
    /// </summary>
    public static (double PLower, double PUpper, double P) Tost(IReadOnlyList<double> a, IReadOnlyList<double> b, double margin)
    {
        var d = Differences(a, b);
        int n = d.Length;
        if (n < 2) return (double.NaN, double.NaN, double.NaN);
        double mean = d.Average(), se = Math.Sqrt(Statistics.Variance(d) / n);
        if (se == 0)
        {
            double inside = Math.Abs(mean) < margin ? 0 : 1;
            return (inside, inside, inside);
        }
        double lower = StudentT.CDF(0, 1, n - 1, -(mean + margin) / se); // P(T > t) as the lower tail at −t
        double upper = StudentT.CDF(0, 1, n - 1, (mean - margin) / se);
        return (lower, upper, Math.Max(lower, upper));
    }

    /// <summary>
    /// About how many seeds a paired t-test needs for power 1 − β at two-sided level α to detect a true mean
    /// difference δ when the differences have standard deviation s: n = ⌈((z_{1−α/2} + z_{1−β})·s/δ)² + z²_{1−α/2}/2⌉
    /// (the normal approximation with Guenther's correction for the t distribution). Infinity for δ = 0.
    /// </summary>
    public static double SeedsToDetect(double sd, double delta, double alpha = 0.05, double power = 0.8)
    {
        if (!(Math.Abs(delta) > 0) || !double.IsFinite(sd)) return double.PositiveInfinity;
        double za = Normal.InvCDF(0, 1, 1 - alpha / 2), zb = Normal.InvCDF(0, 1, power);
        double x = (za + zb) * sd / Math.Abs(delta);
        return Math.Max(2, Math.Ceiling(x * x + za * za / 2));
    }

    /// <summary>
    /// About how many seeds TOST needs for power 1 − β to show equivalence within ±m when the true difference is
    /// δ (|δ| &lt; m): n = ⌈((z_{1−α} + z_{1−β})·s/(m − |δ|))² + z²_{1−α}/2⌉. Infinity when |δ| ≥ m.
    /// </summary>
    public static double SeedsToShowEquivalence(double sd, double delta, double margin, double alpha = 0.05, double power = 0.8)
    {
        double room = margin - Math.Abs(delta);
        if (!(room > 0) || !double.IsFinite(sd)) return double.PositiveInfinity;
        double za = Normal.InvCDF(0, 1, 1 - alpha), zb = Normal.InvCDF(0, 1, power);
        double x = (za + zb) * sd / room;
        return Math.Max(2, Math.Ceiling(x * x + za * za / 2));
    }

    /// <summary>Ranks 1..n of the values, ties sharing their average rank (scipy.stats.rankdata, method "average").</summary>
    public static double[] AverageRanks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]]) end++;
            double rank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++) ranks[order[i]] = rank;
            start = end + 1;
        }
        return ranks;
    }

    /// <summary>The sizes of the groups of equal values.</summary>
    public static IEnumerable<int> TieSizes(IReadOnlyList<double> values) => values.GroupBy(v => v).Select(g => g.Count());

    private static double[] Differences(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        if (a.Count != b.Count) throw new ArgumentException($"paired samples need as many values on each side ({a.Count} and {b.Count}).");
        return a.Zip(b, (x, y) => x - y).ToArray();
    }
}
