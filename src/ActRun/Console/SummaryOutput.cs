using System.Globalization;
using System.Text.Json;
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
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in summary)
            {
                json.WriteStartObject();
                foreach (var (column, value) in row.Fields(plan.Config.Expect.Count > 0))
                {
                    switch (value)
                    {
                        case null: json.WriteNull(column); break;
                        case double d when double.IsFinite(d): json.WriteNumber(column, d); break;
                        case double d: json.WriteString(column, d.ToString(CultureInfo.InvariantCulture)); break;
                        case int i: json.WriteNumber(column, i); break;
                        case bool b: json.WriteBoolean(column, b); break;
                        default: json.WriteString(column, value.ToString()); break;
                    }
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
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
                row.Activation, .. row.SweepValues.Select(v => v.Value),
                F(row.TestAccuracy), F(row.TestAccuracyStd), ci, F(row.TestLoss),
                $"{F(row.BestTestAccuracy)}@{row.BestEpoch.ToString(CultureInfo.InvariantCulture)}", row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
                Runs(row), row.Status,
                .. expectations ? [Expected(row)] : Array.Empty<string>(),
            ];
        });
        TextTable.Write(output, headers, rows, rightAlignedFrom: 1 + plan.SweepColumns.Count);
        // Baseline rows (epochs 0) are fits, not runs of the plan.
        int planned = summary.Where(r => r.Epochs > 0).Sum(r => r.Seeds), cancelled = summary.Sum(r => r.RunsCancelled);
        if (cancelled > 0)
            output.WriteLine($"Incomplete: {cancelled} of {planned} runs did not finish; each mean is over the n runs that finished every epoch.");
    }

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
