using System.Globalization;

namespace ActRun.Core.Results;

/// <summary>A metric a comparison runs on: its summary column, its name, which way is better, and whether differences read as points (×100).</summary>
public sealed record ComparedMetric(string Column, string Name, bool HigherIsBetter, bool Points)
{
    public static ComparedMetric Accuracy { get; } = new("test_accuracy", "test accuracy", true, true);
    public static ComparedMetric R2 { get; } = new("test_r2", "test R²", true, true);
    public static ComparedMetric Loss { get; } = new("test_loss", "test loss (MSE)", false, false);
    public static ComparedMetric Rmse { get; } = new("test_rmse", "test RMSE", false, false);
    public static ComparedMetric Mae { get; } = new("test_mae", "test MAE", false, false);

    /// <summary>
    /// The metrics of a task, the primary one first: test accuracy for a classification; for a regression test R²
    /// (scale-free, so the equivalence margin reads as for accuracy; within a seed both variants share the test set,
    /// so a difference in R² is the difference in MSE divided by that seed's variance of the targets), then the test
    /// loss (MSE), RMSE and MAE.
    /// </summary>
    public static IReadOnlyList<ComparedMetric> For(bool regression) => regression ? [R2, Loss, Rmse, Mae] : [Accuracy];

    public double Of(RunFinal run) => Column switch
    {
        "test_accuracy" => run.TestAccuracy,
        "test_loss" => run.TestLoss,
        "test_rmse" => run.TestRmse,
        "test_mae" => run.TestMae,
        "test_r2" => run.TestR2,
        _ => double.NaN,
    };
}

/// <summary>
/// The last epoch of one run that finished every epoch: what the comparisons pair by seed. <see cref="Group"/> is
/// what pairs may be formed within (the dataset when several are compared, else ""); <see cref="Variant"/> names
/// the variant without the dataset, so that it is the same name on every dataset.
/// </summary>
public sealed record RunFinal(string Group, string Variant, ulong Seed, double TestAccuracy, double TestLoss,
    double TestRmse = double.NaN, double TestMae = double.NaN, double TestR2 = double.NaN);

/// <summary>
/// One tested pair on one metric: the paired t-test (the decision), Wilcoxon's signed-rank test (a check that
/// does not assume normal differences), both Holm-adjusted over the pairs of the report, and for the primary
/// metric TOST against the equivalence margin and the verdict. <see cref="A"/> has the better mean.
/// </summary>
public sealed record PairComparison(string Group, string A, string B, ComparedMetric Metric, bool Primary,
    PairedTTest T, WilcoxonTest Wilcoxon, double PHolm, double WilcoxonPHolm, double TostPHolm, double Margin, string Verdict)
{
    public int N => T.N;
}

/// <summary>
/// Which variant is better than which: every pair of variants within a dataset (the best against each other one
/// when a dataset has more than <see cref="MaxAllPairs"/>), paired by seed — seed i of every variant shares its data
/// split, initial draws and batch order — on the task's metrics, with a verdict on the primary one.
/// </summary>
public static class Comparisons
{
    /// <summary>Default equivalence margin: half a point of accuracy (or of R²).</summary>
    public const double DefaultMargin = 0.005;

    /// <summary>Fewest paired seeds for a verdict.</summary>
    public const int MinSeeds = 3;

    /// <summary>Up to this many variants per dataset every pair is tested; beyond, the best against each other one.</summary>
    public const int MaxAllPairs = 6;

    public const double Alpha = 0.05;

    public static IReadOnlyList<PairComparison> Pairs(IReadOnlyList<RunFinal> finals, bool regression, double margin = DefaultMargin)
    {
        var metrics = ComparedMetric.For(regression);
        var primary = metrics[0];
        var tested = new List<(string Group, string A, string B, List<ulong> Seeds)>();
        foreach (var group in finals.GroupBy(f => f.Group))
        {
            var byVariant = group.GroupBy(f => f.Variant).ToDictionary(g => g.Key, g => g.ToDictionary(f => f.Seed));
            var ranked = byVariant.Keys
                .Where(v => byVariant[v].Values.Any(f => double.IsFinite(primary.Of(f))))
                .OrderByDescending(v => Sign(primary) * byVariant[v].Values.Select(primary.Of).Where(double.IsFinite).Average())
                .ToList();
            for (int i = 0; i < ranked.Count; i++)
                for (int j = i + 1; j < ranked.Count; j++)
                {
                    if (i > 0 && ranked.Count > MaxAllPairs) break;
                    var seeds = byVariant[ranked[i]].Keys.Intersect(byVariant[ranked[j]].Keys).Order().ToList();
                    tested.Add((group.Key, ranked[i], ranked[j], seeds));
                }
        }
        var lookup = finals.ToDictionary(f => (f.Group, f.Variant, f.Seed));
        var rows = new List<PairComparison>();
        foreach (var metric in metrics)
        {
            bool isPrimary = metric == primary;
            var raw = tested.Select(p =>
            {
                var a = p.Seeds.Select(s => metric.Of(lookup[(p.Group, p.A, s)])).ToList();
                var b = p.Seeds.Select(s => metric.Of(lookup[(p.Group, p.B, s)])).ToList();
                bool usable = a.Concat(b).All(double.IsFinite) && p.Seeds.Count >= MinSeeds;
                return (Pair: p, A: a, B: b, T: PairedTests.TTest(a, b), W: usable ? PairedTests.Wilcoxon(a, b) : new WilcoxonTest(p.Seeds.Count, 0, double.NaN, double.NaN, false),
                    Tost: usable && isPrimary ? PairedTests.Tost(a, b, margin).P : double.NaN, Usable: usable);
            }).ToList();
            // Holm over the pairs this report tests on this metric; pairs with fewer than MinSeeds seeds are not tested.
            var pHolm = PairedTests.Holm(raw.Select(r => r.Usable ? r.T.P : double.NaN).ToList());
            var wHolm = PairedTests.Holm(raw.Select(r => r.W.P).ToList());
            var tostHolm = PairedTests.Holm(raw.Select(r => r.Tost).ToList());
            int family = raw.Count(r => r.Usable);
            for (int i = 0; i < raw.Count; i++)
            {
                var r = raw[i];
                string verdict = !r.Usable
                    ? TooFew(r.Pair.Seeds.Count, r.A.Concat(r.B).All(double.IsFinite))
                    : isPrimary
                        ? Verdict(r.Pair.A, metric, r.T, pHolm[i], tostHolm[i], margin, family)
                        : Direction(r.Pair.A, metric, r.T, pHolm[i]);
                rows.Add(new PairComparison(r.Pair.Group, r.Pair.A, r.Pair.B, metric, isPrimary, r.T, r.W, pHolm[i], wHolm[i], tostHolm[i], margin, verdict));
            }
        }
        return rows;
    }

    private static string TooFew(int n, bool finite) => finite
        ? $"{n} seed{(n == 1 ? "" : "s")}: too few for a verdict ({MinSeeds} or more needed)"
        : "no verdict: a value is not finite";

    /// <summary>
    /// "A better" / "A worse" when the Holm-adjusted paired t-test rejects at α; else "equivalent within ±m" when the
    /// Holm-adjusted TOST does; else inconclusive, with about how many seeds would settle it (see <see cref="SeedsNeeded"/>).
    /// </summary>
    public static string Verdict(string a, ComparedMetric metric, PairedTTest t, double pHolm, double tostPHolm, double margin, int family)
    {
        string m = Amount(metric, margin);
        if (pHolm < Alpha)
        {
            string word = Sign(metric) * t.MeanDifference > 0 ? "better" : "worse";
            return tostPHolm < Alpha ? $"{a} {word}, but within ±{m}" : $"{a} {word}";
        }
        if (tostPHolm < Alpha) return $"equivalent within ±{m}";
        double needed = SeedsNeeded(t, margin, family);
        return double.IsFinite(needed)
            ? $"inconclusive — about {needed.ToString(CultureInfo.InvariantCulture)} seeds would settle it"
            : "inconclusive";
    }

    /// <summary>
    /// The fewer of: the seeds a paired t-test needs to detect the observed mean difference, and the seeds TOST
    /// needs to show equivalence within ±m if the true difference is the observed one — each at power 0.8, with
    /// α/family (Bonferroni, a bound on Holm's first step) — and at least one more seed than were run.
    /// </summary>
    public static double SeedsNeeded(PairedTTest t, double margin, int family)
    {
        double alpha = Alpha / Math.Max(1, family);
        double needed = Math.Min(PairedTests.SeedsToDetect(t.SdDifference, t.MeanDifference, alpha),
            PairedTests.SeedsToShowEquivalence(t.SdDifference, t.MeanDifference, margin, alpha));
        return double.IsFinite(needed) ? Math.Max(needed, t.N + 1) : needed;
    }

    private static string Direction(string a, ComparedMetric metric, PairedTTest t, double pHolm)
    {
        if (!(pHolm < Alpha)) return "no significant difference";
        bool lower = t.MeanDifference < 0;
        return $"{a} {(lower ? "lower" : "higher")} ({(lower == !metric.HigherIsBetter ? "better" : "worse")})";
    }

    private static int Sign(ComparedMetric metric) => metric.HigherIsBetter ? 1 : -1;

    /// <summary>A difference in the metric's units: "0.5 points" for accuracy and R², else the number.</summary>
    public static string Amount(ComparedMetric metric, double value) => metric.Points
        ? $"{(100 * value).ToString("0.0##", CultureInfo.InvariantCulture)} points"
        : value.ToString("G3", CultureInfo.InvariantCulture);
}

/// <summary>The variants ranked on each dataset by their mean primary metric, and the Friedman test over the datasets.</summary>
public sealed record AcrossDatasets(ComparedMetric Metric, IReadOnlyList<string> Datasets, IReadOnlyList<string> Variants,
    IReadOnlyList<IReadOnlyList<double>> Means, FriedmanTest Friedman)
{
    /// <summary>
    /// Null unless the finals cover two or more datasets with two or more variants common to all of them (only
    /// those variants are ranked; datasets in finals order, variants by average rank, best first).
    /// </summary>
    public static AcrossDatasets? From(IReadOnlyList<RunFinal> finals, bool regression)
    {
        var metric = ComparedMetric.For(regression)[0];
        var datasets = finals.Select(f => f.Group).Distinct().ToList();
        if (datasets.Count < 2 || datasets.Contains("")) return null;
        var means = finals.GroupBy(f => (f.Group, f.Variant))
            .ToDictionary(g => g.Key, g => g.Select(metric.Of).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average());
        var variants = finals.Select(f => f.Variant).Distinct()
            .Where(v => datasets.All(d => means.TryGetValue((d, v), out double m) && double.IsFinite(m))).ToList();
        if (variants.Count < 2) return null;
        var scores = datasets.Select(d => (IReadOnlyList<double>)variants.Select(v => means[(d, v)]).ToList()).ToList();
        var friedman = RankTests.Friedman(scores, metric.HigherIsBetter);
        var order = Enumerable.Range(0, variants.Count).OrderBy(i => friedman.AverageRanks[i]).ToList();
        return new AcrossDatasets(metric, datasets, order.Select(i => variants[i]).ToList(),
            scores.Select(row => (IReadOnlyList<double>)order.Select(i => row[i]).ToList()).ToList(),
            friedman with { AverageRanks = order.Select(i => friedman.AverageRanks[i]).ToList() });
    }

    /// <summary>Each dataset's ranks (1 = best, ties averaged), in <see cref="Variants"/> order.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Ranks => Means
        .Select(row => (IReadOnlyList<double>)PairedTests.AverageRanks(Metric.HigherIsBetter ? row.Select(v => -v).ToList() : row)).ToList();
}
