using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>The run list of <c>run --dry-run</c>: the first columns of runs.csv (run id, key columns, seed) and the seed index; one line per run.</summary>
public static class DryRunOutput
{
    public static void Write(TextWriter output, string format, ExperimentPlan plan, IReadOnlyList<PlannedRun> runs)
    {
        string[] header = [.. ResultFolder.RunColumns(plan), "seed_index"];
        var rows = runs.Select(r => (IReadOnlyList<object?>)[.. ResultFolder.RunFields(r), r.SeedIndex]).ToList();
        switch (format)
        {
            case "csv":
                CsvTable.WriteTo(output, header, rows);
                break;
            case "json":
                JsonTable.WriteTo(output, header, rows);
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
