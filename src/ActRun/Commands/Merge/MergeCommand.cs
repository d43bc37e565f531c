using System.CommandLine;

namespace ActRun.Commands.Merge;

/// <summary>The options of <c>actrun merge</c>; the action is in <see cref="MergeAction"/>.</summary>
public sealed class MergeCommand
{
    public Argument<string[]> Folders { get; } = new Argument<string[]>("DIR") { Description = "Result folders of the shards of one experiment", Arity = ArgumentArity.OneOrMore }.FolderPath();
    public Option<string> Out { get; } = new Option<string>("--out", "-o") { Description = "The merged result folder (not one of the DIRs); one that already holds results is refused unless --overwrite", Required = true }.FolderPath();
    public Option<bool> Overwrite { get; } = new("--overwrite") { Description = "Replace the results in --out: first remove every file the earlier results wrote there; other files stay" };
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "No PNG plots (report.md is still written)" };
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv, json, or markdown (a table for docs)", "table", "table", "csv", "json", "markdown");

    public static Command Create(CliContext context)
    {
        var options = new MergeCommand();
        var command = new Command("merge", """
            Combine the result folders of shards ('run --shard I/N') into one, with the summary recomputed:
            the same files as running the whole experiment at once (timing columns aside), report and plots included.
            Example:
              actrun merge results/shard1 results/shard2 --out results/all
            """);
        command.Arguments.Add(options.Folders);
        command.Options.Add(options.Out);
        command.Options.Add(options.Overwrite);
        command.Options.Add(options.NoPlots);
        command.Options.Add(options.Format);
        command.SetAction(parse => MergeAction.Run(parse, options, context));
        return command;
    }
}
