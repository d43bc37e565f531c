using System.Globalization;
using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>The summary on stdout: a table for people, or CSV / JSON (same columns as summary.csv) for scripts.</summary>
public static class SummaryOutput
{
    public static void Write(TextWriter output, string format, IReadOnlyList<SummaryRecord> summary)
    {
        if (format != "table")
        {
            RecordOutput.Write(output, format, summary);
            return;
        }
        TextTable.Write(output, ["activation", "test_acc", "std", "test_loss", "best_acc", "best_epoch", "train_s", "seeds", "status"],
            summary.Select(row => new[]
            {
                row.Activation, F(row.TestAccuracy), F(row.TestAccuracyStd), F(row.TestLoss), F(row.BestTestAccuracy),
                row.BestEpoch.ToString(CultureInfo.InvariantCulture), row.TrainSeconds.ToString("F1", CultureInfo.InvariantCulture),
                row.Seeds.ToString(CultureInfo.InvariantCulture), row.Status,
            }),
            rightAlignedFrom: 1);
    }

    private static string F(double? value) => value is double v ? v.ToString("F4", CultureInfo.InvariantCulture) : "-";
}
