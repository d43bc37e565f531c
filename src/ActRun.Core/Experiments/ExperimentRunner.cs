using ActRun.Core.Data;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>Hears about runs as they progress (the CLI shows it on stderr). Called from worker threads.</summary>
public interface IRunObserver
{
    void RunStarted(PlannedRun run);
    void EpochCompleted(PlannedRun run, EpochMetrics metrics);
    void RunFinished(PlannedRun run, RunResult result);
}

/// <summary>How to execute a plan: parallelism, the slice to run, whether to keep completed runs, where the data is.</summary>
/// <remarks>
/// <see cref="Extras"/>: what runs record besides their metrics (layers.csv; regions.csv for the first seed of each
/// variant on a binary 2-D dataset). Recording never changes a trained number.
/// </remarks>
public sealed record RunOptions(int Threads, ShardSpec? Shard = null, bool Resume = false, string? DataDirectory = null,
    TrainingExtras Extras = TrainingExtras.Diagnostics | TrainingExtras.DecisionGrid);

/// <summary>What a run of a plan did: the summary, and how many runs were trained, kept from before, or dropped.</summary>
public sealed record ExperimentOutcome(IReadOnlyList<SummaryRecord> Summary, int Trained, int Kept, int Dropped, bool Cancelled);

/// <summary>
/// Executes a plan (or one shard of it) into a result folder. <c>Threads</c> are shared out runs first: up to
/// that many runs train at once, and threads left over join the runs' matrix products (see <see cref="ShareThreads"/>).
/// A product's split never changes a sum's order, so the numbers never depend on the parallelism. After every run runs.csv and
/// metrics.csv are rewritten whole, so a process that is killed leaves a folder that <c>--resume</c> can
/// continue: finished runs are kept, the others trained again from the start and their rows replaced.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Loads the data of the runs still to train, before anything is written (a data error leaves no folder).</summary>
    public static Dictionary<DataSpec, Dataset> LoadData(IEnumerable<PlannedRun> runs, string? dataDirectory) =>
        runs.Select(r => r.Data).Distinct().ToDictionary(d => d, d => d.Load(dataDirectory));

    /// <summary>The runs of the slice that a folder does not hold completed yet (all of them without resume).</summary>
    public static IReadOnlyList<PlannedRun> ToTrain(ExperimentPlan plan, string folder, RunOptions options)
    {
        var slice = plan.Shard(options.Shard);
        if (!options.Resume) return slice;
        var stored = ResultFolder.Load(folder);
        return slice.Where(r => !(stored.TryGetValue(r.RunId, out var s) && s.Record.Completed(r))).ToList();
    }

    public static ExperimentOutcome Run(ExperimentPlan plan, string folder, RunOptions options, IReadOnlyDictionary<DataSpec, Dataset> data,
        IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var slice = plan.Shard(options.Shard);
        var inSlice = slice.Select(r => r.RunId).ToHashSet();
        var stored = options.Resume ? ResultFolder.Load(folder) : [];
        int dropped = stored.Keys.Count(id => !inSlice.Contains(id));
        // Keep only completed runs of this slice: a cut-off run's partial rows go, and it trains again.
        var results = slice.Where(r => stored.TryGetValue(r.RunId, out var s) && s.Record.Completed(r)).ToDictionary(r => r.RunId, r => stored[r.RunId]);
        int kept = results.Count;
        var todo = slice.Where(r => !results.ContainsKey(r.RunId)).ToArray();
        var sliced = Sliced(plan, slice);

        ResultFolder.Prepare(folder);
        ResultFolder.WriteConfig(folder, ForFile(plan));
        var gate = new object();
        var records = results.ToDictionary(kv => kv.Key, kv => kv.Value.Record);
        var layers = Kept(ResultFolder.LoadByRun<LayerRecord>(folder, ResultFolder.LayersFile, l => l.RunId));
        var regions = Kept(ResultFolder.LoadByRun<RegionRecord>(folder, ResultFolder.RegionsFile, r => r.RunId));
        Dictionary<string, IReadOnlyList<T>> Kept<T>(Dictionary<string, IReadOnlyList<T>> stored) =>
            options.Resume ? stored.Where(kv => results.ContainsKey(kv.Key)).ToDictionary() : [];
        void Save(bool metrics)
        {
            ResultFolder.WriteRuns(folder, sliced, records);
            if (!metrics) return;
            ResultFolder.WriteMetrics(folder, sliced, results);
            ResultFolder.WriteLayers(folder, sliced, layers);
            ResultFolder.WriteRegions(folder, sliced, regions);
        }
        Save(metrics: true);
        WritePoints(folder, slice, data, options.Extras);

        var (version, commit) = RunRecord.Build;
        var (parallelRuns, kernelThreads) = ShareThreads(options.Threads, todo.Length);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelRuns };
        Parallel.ForEach(todo, parallel, run =>
        {
            // A run that had not started when the user interrupted stays out of the files: it never ran.
            if (cancel.IsCancellationRequested) return;
            var started = DateTime.UtcNow;
            lock (gate)
            {
                records[run.RunId] = new RunRecord(run.RunId, RunRecord.Running, 0, started, null, version, commit);
                Save(metrics: false);
            }
            observer?.RunStarted(run);
            // Decision regions of the first seed are enough for the picture; the other seeds would only fill the file.
            var extras = run.SeedIndex == 0 ? options.Extras : options.Extras & ~TrainingExtras.DecisionGrid;
            var result = Trainer.Train(data[run.Data], run.Settings, m => observer?.EpochCompleted(run, m), cancel, extras, kernelThreads);
            var record = new RunRecord(run.RunId, RunRecord.StatusText(result.Status), result.Epochs.Count, started, DateTime.UtcNow, version, commit);
            lock (gate)
            {
                records[run.RunId] = record;
                results[run.RunId] = new StoredRun(record, result.Epochs);
                if (result.Layers.Count > 0) layers[run.RunId] = result.Layers.Select(l => LayerRow(run, l)).ToList();
                if (result.Regions.Count > 0) regions[run.RunId] = result.Regions.Select(g => new RegionRecord { RunId = run.RunId, Activation = run.Variant.Label, Seed = run.Seed, X1 = g.X1, X2 = g.X2, P = g.P }).ToList();
                Save(metrics: true);
            }
            observer?.RunFinished(run, result);
        });

        var summary = ResultFolder.WriteSummary(folder, sliced, results);
        return new ExperimentOutcome(summary, todo.Count(r => results.ContainsKey(r.RunId)), kept, dropped, cancel.IsCancellationRequested);
    }

    /// <summary>
    /// Runs in parallel first (independent runs scale best), then the threads to spare go to each run's kernels:
    /// 1 run on 2 threads trains with 2 kernel threads; 3 runs on 2 threads train 2 at a time on one thread each.
    /// </summary>
    public static (int ParallelRuns, int KernelThreads) ShareThreads(int threads, int runs)
    {
        threads = Math.Max(1, threads);
        int parallelRuns = Math.Clamp(runs, 1, threads);
        return (parallelRuns, Math.Max(1, threads / parallelRuns));
    }

    private static LayerRecord LayerRow(PlannedRun run, LayerStats l) => new()
    {
        RunId = run.RunId, Activation = run.Variant.Label, Seed = run.Seed, Epoch = l.Epoch, Layer = l.Layer,
        WeightNorm = l.WeightNorm, GradNorm = l.GradNorm, UpdateRatio = l.UpdateRatio, ActivationMean = l.ActivationMean,
        ActivationStd = l.ActivationStd, DeadFraction = l.DeadFraction, SaturatedFraction = l.SaturatedFraction,
    };

    /// <summary>points.csv: the test points of the (first) binary 2-D dataset, drawn under its decision regions.</summary>
    private static void WritePoints(string folder, IReadOnlyList<PlannedRun> slice, IReadOnlyDictionary<DataSpec, Dataset> data, TrainingExtras extras)
    {
        if (!extras.HasFlag(TrainingExtras.DecisionGrid)) return;
        var planar = slice.Select(r => r.Data).Distinct().Where(data.ContainsKey).Select(d => data[d]).FirstOrDefault(DecisionGrid.Applies);
        if (planar is null) return;
        var test = planar.Test;
        CsvFiles.Write(Path.Combine(folder, ResultFolder.PointsFile), Enumerable.Range(0, test.Count)
            .Select(i => new PointRecord { X1 = test.Features[i, 0], X2 = test.Features[i, 1], Label = test.Labels![i] }));
    }

    /// <summary>
    /// The config as config.yaml records it: an "auto" output activation is written as what it resolved to when
    /// every run uses one dataset (so the file says which loss was used). Run ids do not change: they are made
    /// from resolved settings.
    /// </summary>
    public static ExperimentConfig ForFile(ExperimentPlan plan)
    {
        var config = plan.Config.Clone();
        var outputs = plan.Runs.Select(r => r.Settings.Model.Output).Distinct().ToList();
        if (config.Model.Output == "auto" && !config.Sweep.ContainsKey("model.output") && outputs.Count == 1)
            config.Model.Output = outputs[0];
        return config;
    }

    /// <summary>A view of the plan restricted to a slice, for the files of a shard folder.</summary>
    private static ExperimentPlan Sliced(ExperimentPlan plan, IReadOnlyList<PlannedRun> slice) =>
        slice.Count == plan.Runs.Count ? plan : plan.Restrict(slice);
}
