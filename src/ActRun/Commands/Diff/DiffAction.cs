using System.CommandLine;
using System.Globalization;
using ActRun.Console;
using ActRun.Core.Results;

namespace ActRun.Commands.Diff;

/// <summary>
/// Formats <see cref="ResultDiff"/>: as a table, the settings that differ, the metrics side by side and the paired
/// tests; as CSV or JSON, one row per variant and metric (the test on the test_accuracy row) on stdout, with the
/// settings that differ as a note on stderr.
/// </summary>
public static class DiffAction
{
    private static readonly string[] TestColumns = ["paired_seeds", "mean_difference", "ci95_low", "ci95_high", "t", "p", "test"];

    public static int Run(ParseResult parse, DiffCommand o, CliContext context)
    {
        string a = parse.GetValue(o.A)!, b = parse.GetValue(o.B)!;
        var diff = ResultDiff.Compare(a, b);
        string format = parse.GetValue(o.Format)!;
        if (format == "table")
        {
            WriteTable(context.Out, a, b, diff);
        }
        else
        {
            context.Error.WriteLine(diff.Settings.Count == 0
                ? "diff: same settings."
                : "diff: settings that differ (A -> B): " + string.Join("; ", diff.Settings.Select(s => $"{s.Key}: {Text(s.A)} -> {Text(s.B)}")));
            var header = (IReadOnlyList<string>)[.. diff.KeyColumns, "metric", "a", "b", "difference", .. TestColumns];
            if (format == "json") JsonTable.WriteTo(context.Out, header, Rows(diff));
            else CsvTable.WriteTo(context.Out, header, Rows(diff));
        }
        WriteNotes(context.Error, diff);
        return ExitCodes.Success;
    }

    private static IEnumerable<IReadOnlyList<object?>> Rows(ResultDiffResult diff) =>
        diff.Variants.SelectMany(v => v.Metrics.Select(m => (IReadOnlyList<object?>)
        [
            .. v.Keys, m.Metric, Value(m.A), Value(m.B), Value(m.B - m.A),
            .. m.Metric == "test_accuracy"
                ? [v.Test.N, Value(v.Test.MeanDifference), Value(v.Test.Ci95Low), Value(v.Test.Ci95High), Value(v.Test.T), Value(v.Test.P), v.Test.Description]
                : TestColumns.Select(_ => (object?)null),
        ]));

    /// <summary>No value (no test, a metric a folder lacks) is an empty CSV field and a JSON null, not NaN.</summary>
    private static object? Value(double value) => double.IsNaN(value) ? null : value;

    private static void WriteNotes(TextWriter error, ResultDiffResult diff)
    {
        if (diff.Variants.Count == 0)
            error.WriteLine("diff: the folders have no variants in common (matched by " + string.Join(", ", diff.KeyColumns) + "); nothing to compare.");
        if (diff.OnlyInA.Count > 0) error.WriteLine($"diff: only in A: {string.Join("; ", diff.OnlyInA)}");
        if (diff.OnlyInB.Count > 0) error.WriteLine($"diff: only in B: {string.Join("; ", diff.OnlyInB)}");
    }

    private static void WriteTable(TextWriter output, string a, string b, ResultDiffResult diff)
    {
        output.WriteLine($"A: {a}");
        output.WriteLine($"B: {b}");
        if (diff.Settings.Count == 0)
        {
            output.WriteLine("Same settings.");
        }
        else
        {
            output.WriteLine("Settings that differ (A -> B):");
            foreach (var s in diff.Settings) output.WriteLine($"  {s.Key}: {Text(s.A)} -> {Text(s.B)}");
        }
        if (diff.Variants.Count == 0) return;
        output.WriteLine();
        TextTable.Write(output, [.. diff.KeyColumns, "metric", "A", "B", "B-A"],
            diff.Variants.SelectMany(v => v.Metrics.Select(m => (IReadOnlyList<string>)[.. v.Keys, m.Metric, F(m.A), F(m.B), Signed(m.B - m.A)])),
            rightAlignedFrom: diff.KeyColumns.Count + 1);
        output.WriteLine();
        output.WriteLine("Paired t-test on the final test accuracy of each seed both ran (B - A):");
        TextTable.Write(output, [.. diff.KeyColumns, "n", "mean diff", "95% CI", "t", "p"],
            diff.Variants.Select(v => (IReadOnlyList<string>)(v.Test.Tested
                ? [.. v.Keys, I(v.Test.N), Signed(v.Test.MeanDifference), $"{Signed(v.Test.Ci95Low)}..{Signed(v.Test.Ci95High)}", F2(v.Test.T), P(v.Test.P)]
                : [.. v.Keys, I(v.Test.N), Signed(v.Test.MeanDifference), "-", "-", v.Test.Description])),
            rightAlignedFrom: diff.KeyColumns.Count);
    }

    private static string Text(string? value) => value ?? "(not set)";
    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);
    private static string F2(double value) => double.IsNaN(value) ? "-" : value.ToString("F2", CultureInfo.InvariantCulture);
    private static string Signed(double value) => double.IsNaN(value) ? "-" : value.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture);
    private static string P(double value) => double.IsNaN(value) ? "-" : value < 0.0001 ? "<0.0001" : value.ToString("F4", CultureInfo.InvariantCulture);
}
