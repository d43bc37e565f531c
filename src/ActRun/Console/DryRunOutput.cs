using System.Text.Json;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>The run list of <c>run --dry-run</c>: run id, activation, swept values, seed index and seed; one line per run.</summary>
public static class DryRunOutput
{
    public static void Write(TextWriter output, string format, ExperimentPlan plan, IReadOnlyList<PlannedRun> runs)
    {
        string[] header = ["run_id", "activation", .. plan.SweepColumns, "seed_index", "seed"];
        var rows = runs.Select(r => (IReadOnlyList<object?>)[
            r.RunId, r.Variant.Activation, .. plan.SweepColumns.Select(c => (object?)r.Variant.Values.First(v => v.Column == c).Value), r.SeedIndex, r.Seed]).ToList();
        switch (format)
        {
            case "csv":
                CsvTable.WriteTo(output, header, rows);
                break;
            case "json":
                output.WriteLine(JsonSerializer.Serialize(rows.Select(row => header.Zip(row).ToDictionary(p => p.First, p => CsvTable.Format(p.Second)))));
                break;
            default:
                var cells = rows.Select(row => row.Select(CsvTable.Format).ToArray()).Prepend(header).ToList();
                int[] widths = header.Select((_, i) => cells.Max(c => c[i].Length)).ToArray();
                foreach (var line in cells)
                    output.WriteLine(string.Join("  ", line.Select((c, i) => c.PadRight(widths[i]))).TrimEnd());
                break;
        }
    }
}
