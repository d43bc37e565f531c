using System.Globalization;
using ActRun.Core.Experiments;
using ActRun.Core.Training;
using Spectre.Console;

namespace ActRun.Console;

/// <summary>
/// Progress on an interactive terminal: one line per running run (label, seed, epoch, loss, accuracy, bar,
/// time left), drawn by Spectre.Console on stderr. Finished runs disappear; a run that diverged says so.
/// Short columns keep each line within 80 characters.
/// </summary>
public sealed class LiveProgress : IRunObserver
{
    private readonly ProgressContext _context;
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private readonly object _gate = new();

    private LiveProgress(ProgressContext context) => _context = context;

    /// <summary>Runs <paramref name="work"/> with a live display on stderr and an observer that feeds it.</summary>
    public static T Run<T>(TextWriter error, Func<IRunObserver, T> work)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(error), Interactive = InteractionSupport.Yes });
        return console.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 16 }, new RemainingTimeColumn())
            .Start(context => work(new LiveProgress(context)));
    }

    public void RunStarted(PlannedRun run)
    {
        lock (_gate) _tasks[run.RunId] = _context.AddTask(Describe(run, null), maxValue: run.Settings.Train.Epochs);
    }

    public void EpochCompleted(PlannedRun run, EpochMetrics m)
    {
        lock (_gate)
        {
            var task = _tasks[run.RunId];
            task.Increment(1);
            task.Description = Describe(run, m);
        }
    }

    public void RunFinished(PlannedRun run, RunResult result)
    {
        lock (_gate)
        {
            var task = _tasks[run.RunId];
            if (result.Status == RunStatus.Diverged) task.Description = Markup.Escape($"{Label(run)}: diverged at epoch {result.Epochs.Count}");
            task.StopTask();
        }
    }

    private static string Label(PlannedRun run)
    {
        string label = $"{run.Variant.Label} s{run.Seed}";
        return label.Length > 24 ? label[..23] + "…" : label;
    }

    private static string Describe(PlannedRun run, EpochMetrics? m) => Markup.Escape(m is null
        ? $"{Label(run),-24} starting"
        : string.Create(CultureInfo.InvariantCulture, $"{Label(run),-24} {m.Epoch,3}/{run.Settings.Train.Epochs} loss {m.TrainLoss:F3} {(m.IsRegression ? "r2" : "acc")} {(m.IsRegression ? m.TestR2 : m.TestAccuracy):F3}"));
}
