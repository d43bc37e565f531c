using System.Globalization;
using System.Text.Json;
using ActRun.Core.Experiments;
using ActRun.Core.Results;
using Spectre.Console;

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

    private static void WriteTable(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Size the table to its content: long activation labels stay on one line, in a pipe or a file too.
        console.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(new TableColumn("activation").NoWrap());
        foreach (string column in plan.SweepColumns) table.AddColumn(new TableColumn(column).NoWrap());
        foreach (string column in new[] { "test_acc", "std", "ci95", "test_loss", "best_acc", "best_epoch", "train_s", "seeds", "status" })
            table.AddColumn(new TableColumn(column).RightAligned());
        bool expectations = plan.Config.Expect.Count > 0;
        if (expectations) table.AddColumn(new TableColumn("expected"));
        foreach (var row in summary)
        {
            string ci = row.TestAccuracyCi95Low is double low ? $"{F(low)}..{F(row.TestAccuracyCi95High)}" : "-";
            string[] cells =
            [
                row.Activation, .. row.SweepValues.Select(v => v.Value),
                F(row.TestAccuracy), F(row.TestAccuracyStd), ci, F(row.TestLoss), F(row.BestTestAccuracy),
                row.BestEpoch.ToString(CultureInfo.InvariantCulture), row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
                row.Seeds.ToString(CultureInfo.InvariantCulture), row.Status,
                .. expectations ? [row.WithinExpected switch { true => "ok", false => "OUTSIDE " + row.Expected, null => "-" }] : Array.Empty<string>(),
            ];
            table.AddRow(cells.Select(Markup.Escape).ToArray());
        }
        console.Write(table);
    }

    private static string F(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
