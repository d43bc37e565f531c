using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Console;

/// <summary>Plain progress lines on stderr, one per epoch of each run (whole lines, safe from several threads).</summary>
public sealed class ProgressLog(TextWriter error, string command, int runs) : IRunObserver
{
    private readonly object _gate = new();
    private int _started;
    private readonly Dictionary<string, int> _numbers = new();

    public void Start(ExperimentPlan plan, IReadOnlyDictionary<DataSpec, Dataset> data, string outDir, int kept)
    {
        var c = plan.Config;
        string dataText = string.Join(", ", data.Values.Select(d => $"{d.Name} ({d.Train.Count} train, {d.Test.Count} test)"));
        Line($"{command}: {runs} run(s){(kept > 0 ? $", {kept} already done" : "")} on {(dataText.Length > 0 ? dataText : c.Dataset.Name)}, " +
             $"{Model(plan)}, {c.Train.Optimizer}(lr={c.Train.Lr.ToString("R", CultureInfo.InvariantCulture)}), " +
             $"batch {c.Train.BatchSize}, {c.Train.Epochs} epochs -> {outDir}");
    }

    /// <summary>The first run's model: its widths for the plain stack, else its layers (norm, dropout and model.layers show).</summary>
    private static string Model(ExperimentPlan plan)
    {
        var spec = plan.Runs.Count > 0 ? plan.Runs[0].Settings.Model.Spec : Core.Layers.ModelSpec.Plain(plan.Config.Model.Hidden);
        return spec.IsPlain ? $"hidden [{string.Join(",", spec.DenseWidths)}]" : $"model {spec}";
    }

    public void RunStarted(PlannedRun run)
    {
        lock (_gate) _numbers[run.RunId] = ++_started;
    }

    public void EpochCompleted(PlannedRun run, EpochMetrics m)
    {
        var c = CultureInfo.InvariantCulture;
        string scores = m.IsRegression
            ? string.Create(c, $"loss {m.TrainLoss:F4} | test loss {m.TestLoss:F4} rmse {m.TestRmse:F4} mae {m.TestMae:F4} r2 {m.TestR2:F4}")
            : string.Create(c, $"loss {m.TrainLoss:F4} acc {m.TrainAccuracy:F4} | test loss {m.TestLoss:F4} acc {m.TestAccuracy:F4}");
        Line(string.Create(c, $"[{Number(run)}/{runs}] {run.Variant.Label} seed {run.Seed} epoch {m.Epoch}/{run.Settings.Train.Epochs}: {scores} ({m.EpochSeconds:F2} s)"));
    }

    public void RunFinished(PlannedRun run, RunResult result)
    {
        if (result.Status != RunStatus.Ok)
            Line($"[{Number(run)}/{runs}] {run.Variant.Label} seed {run.Seed}: {result.Status.ToString().ToLowerInvariant()} {(result.Status == RunStatus.Cancelled ? "after" : "at")} epoch {result.Epochs.Count}");
    }

    public void BaselineFinished(string label, DataSpec data, BaselineResult r) =>
        Line(string.Create(CultureInfo.InvariantCulture,
            $"{label} on {data.Spec}: train loss {r.TrainLoss:F4} acc {r.TrainAccuracy:F4} | test loss {r.TestLoss:F4} acc {r.TestAccuracy:F4} ({r.Seconds:F1} s)"));

    private int Number(PlannedRun run)
    {
        lock (_gate) return _numbers.GetValueOrDefault(run.RunId);
    }

    private void Line(string text)
    {
        lock (_gate) error.WriteLine(text);
    }
}
