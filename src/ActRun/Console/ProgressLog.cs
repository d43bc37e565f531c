using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Console;

/// <summary>Plain progress lines on stderr, one per epoch of each run (whole lines, safe from several threads).</summary>
public sealed class ProgressLog(TextWriter error, Comparison comparison) : IRunObserver
{
    private readonly object _gate = new();
    private readonly int _runs = comparison.Activations.Count * comparison.Seeds;

    public void Start(Dataset data, string outDir) =>
        Line($"compare: {_runs} run(s) on {data.Name} ({data.Train.Count} train, {data.Test.Count} test), " +
             $"hidden [{string.Join(",", comparison.Hidden)}], {comparison.Train.Optimizer}, batch {comparison.Train.BatchSize}, " +
             $"{comparison.Train.Epochs} epochs -> {outDir}");

    public void RunStarted(int index, RunSettings run) { }

    public void EpochCompleted(int index, RunSettings run, EpochMetrics m) =>
        Line(string.Create(CultureInfo.InvariantCulture,
            $"[{index + 1}/{_runs}] {run.Model.Activation} seed {run.Seed} epoch {m.Epoch}/{run.Train.Epochs}: " +
            $"loss {m.TrainLoss:F4} acc {m.TrainAccuracy:F4} | test loss {m.TestLoss:F4} acc {m.TestAccuracy:F4} ({m.EpochSeconds:F2} s)"));

    public void RunFinished(int index, RunResult result)
    {
        if (result.Status != RunStatus.Ok)
            Line($"[{index + 1}/{_runs}] {result.Settings.Model.Activation} seed {result.Settings.Seed}: {result.Status.ToString().ToLowerInvariant()} {(result.Status == RunStatus.Cancelled ? "after" : "at")} epoch {result.Epochs.Count}");
    }

    private void Line(string text)
    {
        lock (_gate) error.WriteLine(text);
    }
}
