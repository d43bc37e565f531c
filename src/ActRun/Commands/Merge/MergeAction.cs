using System.CommandLine;
using ActRun.Console;
using ActRun.Core;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Commands.Merge;

/// <summary>Merges the folders (all checks in <see cref="ResultMerge"/>) and prints the merged summary.</summary>
public static class MergeAction
{
    public static int Run(ParseResult parse, MergeCommand o, CliContext context)
    {
        string[] folders = parse.GetValue(o.Folders)!;
        string outDir = parse.GetValue(o.Out)!;
        // Merging into one of the folders would remove or replace the very results being merged.
        if (folders.FirstOrDefault(f => SameFolder(f, outDir)) is { } input)
            throw new ConfigException($"--out '{outDir}' is one of the folders being merged ('{input}'); merge into another folder.");
        ResultFolder.CheckUsable(outDir);
        var merged = ResultMerge.Read(folders);
        IReadOnlyList<SummaryRecord> summary;
        bool overwrite = parse.GetValue(o.Overwrite);
        using (OutFolder.Claim(outDir, "actrun merge", overwrite ? ExistingResults.Overwrite : ExistingResults.Refuse, "add --overwrite to replace them"))
        {
            if (overwrite) ResultFolder.RemoveResults(outDir);
            summary = ResultMerge.Write(merged, outDir);
            WriteReport(outDir, !parse.GetValue(o.NoPlots), context);
        }
        var plan = merged.Plan;
        SummaryOutput.Write(context.Out, parse.GetValue(o.Format)!, plan, summary);
        context.Error.WriteLine($"Merged {plan.Runs.Count} run(s) from {folders.Length} folder(s) into {outDir}/");
        return ExitCodes.Success;
    }

    /// <summary>report.md and the plots, as a whole run draws them; the merged files stand if they cannot be drawn.</summary>
    private static void WriteReport(string outDir, bool plots, CliContext context)
    {
        try
        {
            Plots.ReportFolder.Write(outDir, plots);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            context.Error.WriteLine($"actrun: warning: the report could not be drawn ({e.GetType().Name}: {e.Message}); the merged results are complete. Retry with 'actrun report {outDir}'.");
        }
    }

    private static bool SameFolder(string a, string b) =>
        string.Equals(Path.TrimEndingDirectorySeparator(Path.GetFullPath(a)), Path.TrimEndingDirectorySeparator(Path.GetFullPath(b)),
            OperatingSystem.IsWindows() || OperatingSystem.IsMacOS() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
