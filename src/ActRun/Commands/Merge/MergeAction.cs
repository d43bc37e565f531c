using System.CommandLine;
using ActRun.Console;
using ActRun.Core.Experiments;

namespace ActRun.Commands.Merge;

/// <summary>Merges the folders (all checks in <see cref="ResultMerge"/>) and prints the merged summary.</summary>
public static class MergeAction
{
    public static int Run(ParseResult parse, MergeCommand o, CliContext context)
    {
        string[] folders = parse.GetValue(o.Folders)!;
        string outDir = parse.GetValue(o.Out)!;
        var (plan, summary) = ResultMerge.Merge(folders, outDir);
        SummaryOutput.Write(context.Out, parse.GetValue(o.Format)!, plan, summary);
        context.Error.WriteLine($"Merged {plan.Runs.Count} run(s) from {folders.Length} folder(s) into {outDir}/");
        return ExitCodes.Success;
    }
}
