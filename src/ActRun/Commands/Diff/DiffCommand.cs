using System.CommandLine;

namespace ActRun.Commands.Diff;

/// <summary>The options of <c>actrun diff</c>; the action is in <see cref="DiffAction"/>.</summary>
public sealed class DiffCommand
{
    public Argument<string> A { get; } = new Argument<string>("A") { Description = "The first result folder (written by compare, run or merge)" }.FolderPath();
    public Argument<string> B { get; } = new Argument<string>("B") { Description = "The second result folder; differences are B - A" }.FolderPath();
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv or json (one row per variant and metric)", "table", "table", "csv", "json");

    public static Command Create(CliContext context)
    {
        var o = new DiffCommand();
        var command = new Command("diff", """
            Show what differs between two result folders: the settings (config.yaml), then the summary metrics of
            the variants both hold, side by side with B - A, and a paired t-test on the final test accuracy of the
            seeds both ran (3 or more). Reads the folders only.
            Example:
              actrun diff results/lr-0.01 results/lr-0.1
            """)
        {
            o.A, o.B, o.Format,
        };
        command.SetAction(parse => DiffAction.Run(parse, o, context));
        return command;
    }
}
