using System.Globalization;
using System.Text;

namespace ActRun.Core.Results;

/// <summary>A plot in the report: its file (next to report.md) and what it shows.</summary>
public sealed record ReportPlot(string File, string Caption);

/// <summary>
/// What the report concludes: the tested pairs, and across datasets the ranks with their critical-difference diagram (a
/// file next to report.md); for a tuned experiment, the setting each variant was compared at (<see cref="ReportWriter.TunedSettings"/>).
/// </summary>
public sealed record ReportVerdicts(IReadOnlyList<PairComparison> Pairs, AcrossDatasets? Across = null, string? Diagram = null, string? Tuned = null)
{
    public static ReportVerdicts None { get; } = new([]);
}

/// <summary>
/// report.md, leading with the answer: the verdict table (and the ranks across datasets), then the summary, the
/// diagnostics, every plot embedded, and the settings.
/// </summary>
public static class ReportWriter
{
    /// <summary>
    /// "Each variant at its own setting ..." when the experiment was tuned (its config holds tuned:), naming each
    /// variant's chosen setting; null otherwise.
    /// </summary>
    public static string? TunedSettings(Experiments.ExperimentConfig config)
    {
        if (config.Tuned is not { Count: > 0 } tuned) return null;
        string Setting(IEnumerable<(string Key, string Value)> values) =>
            string.Join(", ", values.Select(v => $"{Experiments.ConfigKeys.Find(v.Key)?.Column ?? v.Key}={v.Value}"));
        string how = config.Tune is { } spec ? $" by a {spec.Strategy} search on {spec.Metric} ({ResultFolder.TrialsFile} lists every trial)" : "";
        return $"Each variant at its own setting, chosen on its validation split{how}: " +
               string.Join("; ", tuned.Select(kv => $"{Cell(kv.Key)} {Setting(kv.Value)}")) + ".";
    }

    public static string Build(string configYaml, IReadOnlyList<SummaryRecord> summary, ReportVerdicts verdicts, IReadOnlyList<string> diagnostics, IReadOnlyList<ReportPlot> plots)
    {
        var md = new StringBuilder();
        md.Append("# ActRun report\n\n");
        // Baseline rows (epochs 0) are fits, not runs of the plan.
        int planned = summary.Where(r => r.Epochs > 0).Sum(r => r.Seeds), cancelled = summary.Sum(r => r.RunsCancelled);
        if (cancelled > 0)
            md.Append(CultureInfo.InvariantCulture,
                $"**Incomplete:** {cancelled} of {planned} runs did not finish (interrupted, or not run in this folder). Every mean below is over the runs that finished all their epochs (n); resume the experiment to complete it.\n\n");
        md.Append("## Verdicts\n\n");
        if (verdicts.Tuned is { } tuned) md.Append(tuned).Append("\n\n");
        VerdictTable.AppendMarkdown(md, verdicts.Pairs);
        if (verdicts.Across is { } across)
        {
            md.Append("\n## Across datasets\n\n");
            VerdictTable.AppendAcross(md, across, verdicts.Diagram);
        }
        md.Append("\n## Summary\n\n");
        md.Append(summary.Any(r => r.BestEpoch is not null)
            ? "Each run at its best epoch on the validation split (the weights it ended with; best epoch and epochs trained are means over the runs), "
            : "Final epoch, ");
        md.Append("mean over the n runs that finished (± sample standard deviation); diverged and cancelled runs are counted in the status, not averaged.\n\n");
        if (summary.Count > 0 && summary.All(r => r.Regression))
        {
            // A regression has no accuracy: its own scores instead.
            md.Append("| activation | test loss (MSE) | RMSE | MAE | R² | val loss | best epoch | epochs trained | train seconds | n | seeds | status |\n");
            md.Append("|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var row in summary)
                md.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(row.Activation)} | {row.TestLoss:0.0000}{Std(row.TestLossStd)} | {row.TestRmse:0.0000}{Std(row.TestRmseStd)} | {row.TestMae:0.0000}{Std(row.TestMaeStd)} | {row.TestR2:0.0000}{Std(row.TestR2Std)} | {Opt(row.ValLoss)} | {Opt(row.BestEpoch, "0.#")} | {row.EpochsTrained:0.#} | {row.TrainSeconds:0.0} | {row.N} | {row.Seeds} | {row.Status} |\n");
        }
        else
        {
            md.Append("| activation | test accuracy | test loss | val accuracy | best epoch | epochs trained | train seconds | n | seeds | status |\n");
            md.Append("|---|---|---|---|---|---|---|---|---|---|\n");
            foreach (var row in summary)
                md.Append(CultureInfo.InvariantCulture,
                    $"| {Cell(row.Activation)} | {row.TestAccuracy:0.0000}{Std(row.TestAccuracyStd)} | {row.TestLoss:0.0000}{Std(row.TestLossStd)} | {Opt(row.ValAccuracy)} | {Opt(row.BestEpoch, "0.#")} | {row.EpochsTrained:0.#} | {row.TrainSeconds:0.0} | {row.N} | {row.Seeds} | {row.Status} |\n");
        }
        if (diagnostics.Count > 0)
        {
            md.Append("\n## Diagnostics\n\n");
            foreach (string line in diagnostics) md.Append("- ").Append(line).Append('\n');
        }
        if (plots.Count > 0)
        {
            md.Append("\n## Plots\n");
            foreach (var plot in plots) md.Append($"\n{plot.Caption}\n\n![{plot.Caption}]({plot.File})\n");
        }
        md.Append("\n## Settings\n\n```yaml\n").Append(configYaml.TrimEnd('\n')).Append("\n```\n");
        return md.ToString();
    }

    /// <summary>A number that is empty without validation: "-" then.</summary>
    private static string Opt(double? value, string format = "0.0000") => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string Std(double? std) => std is double s ? string.Create(CultureInfo.InvariantCulture, $" ± {s:0.0000}") : "";

    // Expressions may hold '|' (abs is written abs(x), but be safe) or '*', which Markdown would read as emphasis.
    private static string Cell(string text) => "`" + text.Replace("`", "'") + "`";
}
