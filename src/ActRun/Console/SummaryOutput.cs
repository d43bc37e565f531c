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
        string[] headers =
        [
            "activation", .. plan.SweepColumns,
            "test_acc", "std", "ci95", "loss", "best@ep", "secs", "n", "status",
            .. expectations ? ["expected"] : Array.Empty<string>(),
        ];
        var rows = summary.Select(row =>
        {
            string ci = row.TestAccuracyCi95Low is double low ? $"{F(low)}..{F(row.TestAccuracyCi95High)}" : "-";
            return (IReadOnlyList<string>)
            [
                row.Activation, .. plan.SweepColumns.Select(c => row.SweepValues.First(v => v.Column == c).Value),
                F(row.TestAccuracy), F(row.TestAccuracyStd), ci, F(row.TestLoss),
                $"{F(row.BestTestAccuracy)}@{row.BestEpoch.ToString(CultureInfo.InvariantCulture)}", row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
                row.Seeds.ToString(CultureInfo.InvariantCulture), row.Status,
                .. expectations ? [row.WithinExpected switch { true => "ok", false => "OUTSIDE " + row.Expected, null => "-" }] : Array.Empty<string>(),
            ];
        });
        TextTable.Write(output, headers, rows, rightAlignedFrom: 1 + plan.SweepColumns.Count);
    }

    private static string F(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
