using System.CommandLine;

namespace ActRun.Commands.Report;

/// <summary>The options of <c>actrun report</c>; the action is in <see cref="ReportAction"/>.</summary>
public sealed class ReportCommand
{
    public Argument<string> Folder { get; } = new Argument<string>("DIR") { Description = "A result folder written by compare, run or merge" }.FolderPath();
    public Option<bool> NoPlots { get; } = new("--no-plots") { Description = "Write report.md without drawing the PNG plots" };
    public Option<double?> Margin { get; } = OptionParsers.Margin("--margin");

    public static Command Create(CliContext context)
    {
        var o = new ReportCommand();
        var command = new Command("report", """
            Rebuild the plots and report.md of a result folder from its CSV files (any folder: also merged shards).
            Example: actrun report results/20261123-101500-circles
            """)
        {
            o.Folder, o.NoPlots, o.Margin,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(o.Folder)!;
            if (!Directory.Exists(folder)) throw new Core.ConfigException($"'{folder}' is not a folder; give a result folder written by compare or run.");
            string path;
            // The report and plots are rebuilt from the CSV files (they are not results of their own), under the folder's lock.
            using (Core.Results.ResultFolderLock.Acquire(folder, "actrun report"))
                path = Plots.ReportFolder.Write(folder, plots: !parse.GetValue(o.NoPlots), margin: parse.GetValue(o.Margin)).Path;
            context.Error.WriteLine($"Wrote {path}");
            return ExitCodes.Success;
        });
        return command;
    }
}
