using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using ActRun.Core.Results;
using Spectre.Console;

namespace ActRun.Console;

/// <summary>The summary on stdout: a table for people, or CSV / JSON (same columns as summary.csv) for scripts.</summary>
public static class SummaryOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static void Write(TextWriter output, string format, IReadOnlyList<SummaryRecord> summary)
    {
        switch (format)
        {
            case "csv":
                CsvFiles.WriteTo(output, summary);
                break;
            case "json":
                output.WriteLine(JsonSerializer.Serialize(summary, Json));
                break;
            default:
                WriteTable(output, summary);
                break;
        }
    }

    private static void WriteTable(TextWriter output, IReadOnlyList<SummaryRecord> summary)
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
        foreach (string column in new[] { "test_acc", "std", "test_loss", "best_acc", "best_epoch", "train_s", "seeds", "status" })
            table.AddColumn(new TableColumn(column).RightAligned());
        foreach (var row in summary)
            table.AddRow(Markup.Escape(row.Activation), F(row.TestAccuracy), F(row.TestAccuracyStd), F(row.TestLoss),
                F(row.BestTestAccuracy), row.BestEpoch.ToString(CultureInfo.InvariantCulture),
                row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture), row.Seeds.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(row.Status));
        console.Write(table);
    }

    private static string F(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
