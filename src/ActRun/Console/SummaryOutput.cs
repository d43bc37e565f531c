using System.Globalization;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>The summary on stdout: a table for people, or CSV / JSON (same columns as summary.csv) for scripts.</summary>
public static class SummaryOutput
{
    public static void Write(TextWriter output, string format, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        switch (format)
        {
            case "csv":
                ResultFolder.WriteSummaryCsv(output, plan, summary);
                break;
            case "json":
                WriteJson(output, plan, summary);
                break;
            case "markdown":
                WriteMarkdown(output, plan, summary);
                break;
            default:
                WriteTable(output, plan, summary);
                break;
        }
    }

    private static void WriteJson(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        bool expectations = plan.Config.Expect.Count > 0;
        var header = summary.Count > 0 ? summary[0].Fields(expectations).Select(f => f.Column).ToList() : [];
        JsonTable.WriteTo(output, header, summary.Select(row => (IReadOnlyList<object?>)row.Fields(expectations).Select(f => f.Value).ToList()));
    }

    /// <summary>
    /// Short headers keep a comparison without sweep columns within 80 characters; the full names and every
    /// other column are in summary.csv and in <c>--format csv|json</c>.
    /// </summary>
    private static void WriteTable(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        bool expectations = plan.Config.Expect.Count > 0;
        if (IsRegression(summary))
        {
            WriteRegressionTable(output, plan, summary, expectations);
            return;
        }
        string[] headers =
        [
            "activation", .. plan.SweepColumns,
            "test_acc", "std", "ci95", "loss", "val_acc", "best_ep", "secs", "n", "status",
            .. expectations ? ["expected"] : Array.Empty<string>(),
        ];
        var rows = summary.Select(row =>
        {
            string ci = row.TestAccuracyCi95Low is double low ? $"{F(low)}..{F(row.TestAccuracyCi95High)}" : "-";
            return (IReadOnlyList<string>)
            [
                row.Activation, .. SweptValues(plan, row),
                F(row.TestAccuracy), F(row.TestAccuracyStd), ci, F(row.TestLoss),
                Chosen(row.ValAccuracy, "F4"), Chosen(row.BestEpoch, "0.#"), row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
                Runs(row), row.Status,
                .. expectations ? [Expected(row)] : Array.Empty<string>(),
            ];
        });
        TextTable.Write(output, headers, rows, rightAlignedFrom: 1 + plan.SweepColumns.Count);
        WriteIncomplete(output, summary);
    }

    /// <summary>A validation number of the summary: "-" without validation (nothing was chosen by epoch).</summary>
    private static string Chosen(double? value, string format) => value is double v ? v.ToString(format, CultureInfo.InvariantCulture) : "-";

    /// <summary>Whether the summary is of a regression: its rows carry RMSE, MAE and R² and no accuracy.</summary>
    public static bool IsRegression(IReadOnlyList<SummaryRecord> summary) => summary.Count > 0 && summary.All(r => r.Regression);

    /// <summary>
    /// A regression's table: the test loss (mean squared error), RMSE, MAE, R² with its 95% interval, and the epoch
    /// of the lowest mean test loss; no accuracy columns (a regression has no accuracy).
    /// </summary>
    private static void WriteRegressionTable(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary, bool expectations)
    {
        string[] headers =
        [
            "activation", .. plan.SweepColumns,
            "loss", "rmse", "mae", "r2", "std", "ci95", "val_loss", "best_ep", "secs", "n", "status",
            .. expectations ? ["expected"] : Array.Empty<string>(),
        ];
        var rows = summary.Select(row => (IReadOnlyList<string>)
        [
            row.Activation, .. SweptValues(plan, row),
            G(row.TestLoss), G(row.TestRmse), G(row.TestMae), F(row.TestR2), F(row.TestR2Std),
            row.TestR2Ci95Low is double low ? $"{F(low)}..{F(row.TestR2Ci95High)}" : "-",
            Chosen(row.ValLoss, "G4"), Chosen(row.BestEpoch, "0.#"), row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
            Runs(row), row.Status,
            .. expectations ? [Expected(row)] : Array.Empty<string>(),
        ]);
        TextTable.Write(output, headers, rows, rightAlignedFrom: 1 + plan.SweepColumns.Count);
        WriteIncomplete(output, summary);
    }

    private static void WriteIncomplete(TextWriter output, IReadOnlyList<SummaryRecord> summary)
    {
        // Baseline rows (epochs 0) are fits, not runs of the plan.
        int planned = summary.Where(r => r.Epochs > 0).Sum(r => r.Seeds), cancelled = summary.Sum(r => r.RunsCancelled);
        if (cancelled > 0)
            output.WriteLine($"Incomplete: {cancelled} of {planned} runs did not finish; each mean is over the n runs that finished every epoch.");
    }

    /// <summary>
    /// A Markdown table for docs and issues: the mean ± standard deviation, the 95% interval and the range of the
    /// test accuracy, the mean test loss, the runs behind them and the status, with the expectations when the
    /// config has them. The measured tables in the docs are this output (experiments/measure-tables.sh).
    /// </summary>
    private static void WriteMarkdown(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        bool expectations = plan.Config.Expect.Count > 0;
        if (IsRegression(summary))
        {
            WriteRegressionMarkdown(output, plan, summary, expectations);
            return;
        }
        string[] headers =
        [
            "activation", .. plan.SweepColumns,
            "test accuracy (mean ± std)", "95% CI", "min – max", "test loss", "n", "status",
            .. expectations ? ["expected"] : Array.Empty<string>(),
        ];
        output.WriteLine("| " + string.Join(" | ", headers) + " |");
        output.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in summary)
        {
            string[] cells =
            [
                Code(row.Activation), .. SweptValues(plan, row),
                row.TestAccuracyStd is double std ? $"{F(row.TestAccuracy)} ± {F(std)}" : F(row.TestAccuracy),
                row.TestAccuracyCi95Low is double low ? $"{F(low)} – {F(row.TestAccuracyCi95High)}" : "-",
                $"{F(row.TestAccuracyMin)} – {F(row.TestAccuracyMax)}",
                G(row.TestLoss), Runs(row), row.Status,
                .. expectations ? [Expected(row)] : Array.Empty<string>(),
            ];
            output.WriteLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |");
        }
    }

    private static void WriteRegressionMarkdown(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary, bool expectations)
    {
        string[] headers =
        [
            "activation", .. plan.SweepColumns,
            "test loss (MSE)", "RMSE (mean ± std)", "MAE", "R² (mean ± std)", "R² 95% CI", "n", "status",
            .. expectations ? ["expected"] : Array.Empty<string>(),
        ];
        output.WriteLine("| " + string.Join(" | ", headers) + " |");
        output.WriteLine("|" + string.Concat(headers.Select(_ => "---|")));
        foreach (var row in summary)
        {
            string[] cells =
            [
                Code(row.Activation), .. SweptValues(plan, row),
                G(row.TestLoss),
                row.TestRmseStd is double rmseStd ? $"{G(row.TestRmse)} ± {G(rmseStd)}" : G(row.TestRmse),
                G(row.TestMae),
                row.TestR2Std is double r2Std ? $"{F(row.TestR2)} ± {F(r2Std)}" : F(row.TestR2),
                row.TestR2Ci95Low is double low ? $"{F(low)} – {F(row.TestR2Ci95High)}" : "-",
                Runs(row), row.Status,
                .. expectations ? [Expected(row)] : Array.Empty<string>(),
            ];
            output.WriteLine("| " + string.Join(" | ", cells.Select(c => c.Replace("|", "\\|"))) + " |");
        }
    }

    /// <summary>Expression activations (<c>x^2</c>) in code spans, so Markdown does not read their symbols.</summary>
    private static string Code(string label) => label.Any(c => "*^_`".Contains(c)) && !label.Contains('`') ? $"`{label}`" : label;

    /// <summary>Four decimals, or three significant digits for a loss far from 1 (6.16e+08).</summary>
    private static string G(double? value) => value is double v ? G(v) : "-";

    private static string G(double value) =>
        double.IsFinite(value) && (Math.Abs(value) >= 1e4 || (value != 0 && Math.Abs(value) < 1e-3))
            ? value.ToString("G3", CultureInfo.InvariantCulture)
            : double.IsNaN(value) ? "nan" : F(value);

    /// <summary>The row's value of each swept column, in the plan's column order (the order of the headers).</summary>
    private static IEnumerable<string> SweptValues(ExperimentPlan plan, SummaryRecord row) =>
        plan.SweepColumns.Select(c => row.SweepValues.First(v => v.Column == c).Value);

    /// <summary>n, the runs behind the means: "3", or "2/3" when some of the seeds did not finish.</summary>
    private static string Runs(SummaryRecord row) =>
        row.N == row.Seeds ? row.N.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{row.N}/{row.Seeds}");

    private static string Expected(SummaryRecord row) => row.WithinExpected switch
    {
        _ when row.Incomplete && row.Expected is not null => "INCOMPLETE",
        true => "ok",
        false => "OUTSIDE " + row.Expected,
        null => "-",
    };

    private static string F(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
