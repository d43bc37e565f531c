using System.Globalization;
using System.Text;

namespace ActRun.Core.Results;

/// <summary>The verdicts as report.md tables and as the short lines compare prints on stderr.</summary>
public static class VerdictTable
{
    /// <summary>The verdict section: how the pairs were tested, the primary metric's table, then (regression) the other metrics.</summary>
    public static void AppendMarkdown(StringBuilder md, IReadOnlyList<PairComparison> pairs)
    {
        var primary = pairs.Where(p => p.Primary).ToList();
        if (primary.Count == 0)
        {
            md.Append("No comparison: one variant, or fewer than two variants with finished runs.\n");
            return;
        }
        var metric = primary[0].Metric;
        int family = primary.Count(p => p.N >= Comparisons.MinSeeds);
        string tested = family == 0
            ? $"No pair has {Comparisons.MinSeeds} or more seeds, so none is tested: run with --seeds {Comparisons.MinSeeds} or more (10 to see differences of a point). "
            : $"p: paired t-test, Holm-adjusted over the {family} pair(s) tested; Wilcoxon: signed-rank test, Holm-adjusted; d_z: mean difference / SD of the differences; " +
              $"equivalent: both one-sided tests (TOST) reject a difference of ±{Comparisons.Amount(metric, primary[0].Margin)} (Holm-adjusted). ";
        md.Append(CultureInfo.InvariantCulture,
            $"On the reported {metric.Name} (each run at its best epoch on validation, else its last), paired by seed (seed i of every variant shares its data split, initial weights and batch order). {tested}" +
            $"The first variant of a pair has the better mean. How to read it: docs/statistics.md.\n\n");
        Table(md, primary);
        var others = pairs.Where(p => !p.Primary).ToList();
        if (others.Count == 0) return;
        md.Append("\nThe regression's other metrics (lower is better; paired t-test, Holm-adjusted per metric):\n\n");
        Table(md, others);
    }

    private static void Table(StringBuilder md, IReadOnlyList<PairComparison> rows)
    {
        bool groups = rows.Any(r => r.Group != "");
        md.Append(groups ? "| dataset | pair |" : "| pair |").Append(" metric | mean difference | 95% CI | p (Holm) | Wilcoxon p (Holm) | d_z | n | verdict |\n");
        md.Append(groups ? "|---|---|" : "|---|").Append("---|---|---|---|---|---|---|---|\n");
        foreach (var r in rows)
        {
            if (groups) md.Append("| ").Append(Cell(r.Group)).Append(' ');
            md.Append("| ").Append(Cell(r.A)).Append(" vs ").Append(Cell(r.B))
                .Append(" | ").Append(r.Metric.Name)
                .Append(" | ").Append(Difference(r.Metric, r.T.MeanDifference))
                .Append(" | ").Append(double.IsFinite(r.T.CiLow) ? $"{Difference(r.Metric, r.T.CiLow)} to {Difference(r.Metric, r.T.CiHigh)}" : "-")
                .Append(" | ").Append(PValue(r.PHolm))
                .Append(" | ").Append(PValue(r.WilcoxonPHolm))
                .Append(" | ").Append(double.IsFinite(r.T.CohenDz) ? r.T.CohenDz.ToString("0.00;−0.00;0.00", CultureInfo.InvariantCulture) : "-")
                .Append(" | ").Append(r.N.ToString(CultureInfo.InvariantCulture))
                .Append(" | ").Append(r.Verdict.Replace("|", "\\|")).Append(" |\n");
        }
    }

    /// <summary>The across-datasets section: ranks per dataset, Friedman, Iman–Davenport and the Nemenyi critical difference.</summary>
    public static void AppendAcross(StringBuilder md, AcrossDatasets across, string? diagram)
    {
        var f = across.Friedman;
        md.Append(CultureInfo.InvariantCulture,
            $"Each dataset ranks the variants by mean {across.Metric.Name} (1 = best, ties share the average rank); {across.Datasets.Count} datasets, {across.Variants.Count} variants.\n\n");
        md.Append("| variant | ").Append(string.Join(" | ", across.Datasets.Select(Cell))).Append(" | average rank |\n");
        md.Append("|---|").Append(string.Concat(across.Datasets.Select(_ => "---|"))).Append("---|\n");
        var ranks = across.Ranks;
        for (int v = 0; v < across.Variants.Count; v++)
            md.Append("| ").Append(Cell(across.Variants[v])).Append(" | ")
                .Append(string.Join(" | ", ranks.Select(row => row[v].ToString("0.#", CultureInfo.InvariantCulture))))
                .Append(" | ").Append(f.AverageRanks[v].ToString("0.00", CultureInfo.InvariantCulture)).Append(" |\n");
        md.Append(CultureInfo.InvariantCulture,
            $"\nFriedman χ² = {f.ChiSquare:0.00} ({f.Variants - 1} df), {PText(f.P)}; Iman–Davenport F = {F(f.ImanDavenportF)} ({f.Variants - 1}, {(f.Variants - 1) * (f.Datasets - 1)} df), {PText(f.ImanDavenportP)}. ");
        md.Append(double.IsFinite(f.CriticalDifference)
            ? string.Create(CultureInfo.InvariantCulture, $"Nemenyi critical difference (α = 0.05): {f.CriticalDifference:0.00} — two variants whose average ranks differ by more are different across these datasets")
            : $"No Nemenyi critical difference: it is tabulated for at most {RankTests.MaxNemenyiVariants} variants");
        md.Append(f.ImanDavenportP < Comparisons.Alpha ? ".\n" : "; the Friedman test does not reject equal ranks, so no pair is called different.\n");
        if (across.Datasets.Count < 5)
            md.Append("\nWith fewer than 5 datasets these tests have little power (Demšar 2006 uses 10 or more).\n");
        if (diagram is not null) md.Append($"\n![Critical-difference diagram]({diagram})\n");
    }

    /// <summary>The best variant's verdicts (per dataset), one line each, for stderr after a run.</summary>
    public static IEnumerable<string> BestLines(IReadOnlyList<PairComparison> pairs)
    {
        foreach (var group in pairs.Where(p => p.Primary).GroupBy(p => p.Group))
        {
            string best = group.First().A;
            foreach (var r in group.Where(p => p.A == best))
            {
                string where = r.Group == "" ? "" : $"{r.Group}: ";
                string evidence = r.N >= Comparisons.MinSeeds
                    ? $" ({Difference(r.Metric, r.T.MeanDifference)}, 95% CI {Difference(r.Metric, r.T.CiLow)} to {Difference(r.Metric, r.T.CiHigh)}, p (Holm) {PValue(r.PHolm)}, {r.N} seeds)"
                    : $" ({Difference(r.Metric, r.T.MeanDifference)} on the mean)";
                yield return $"{where}{r.A} vs {r.B} on {r.Metric.Name}: {r.Verdict}{evidence}";
            }
        }
    }

    /// <summary>A signed difference: points for accuracy and R² (+1.23 points), else four significant digits.</summary>
    public static string Difference(ComparedMetric metric, double value)
    {
        if (!double.IsFinite(value)) return "-";
        string text = metric.Points ? (100 * value).ToString("+0.00;−0.00;0.00", CultureInfo.InvariantCulture) + " pts"
            : value.ToString("+0.####;−0.####;0", CultureInfo.InvariantCulture) is var s && s.Length <= 8 ? s : value.ToString("+0.###E+0;−0.###E+0", CultureInfo.InvariantCulture);
        return text;
    }

    private static string PValue(double p) => double.IsNaN(p) ? "-" : p < 0.001 ? "<0.001" : p.ToString("0.000", CultureInfo.InvariantCulture);

    private static string PText(double p) => p < 0.001 ? "p < 0.001" : $"p = {p.ToString("0.000", CultureInfo.InvariantCulture)}";

    private static string F(double v) => double.IsPositiveInfinity(v) ? "∞" : v.ToString("0.00", CultureInfo.InvariantCulture);

    // Expressions may hold '|' or '*', which Markdown would read as a cell border or emphasis.
    private static string Cell(string text) => "`" + text.Replace("`", "'").Replace("|", "\\|") + "`";
}
