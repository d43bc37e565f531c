using System.Collections.Concurrent;
using ActRun.Core.Data;
using ActRun.Core.Models;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>Hears about runs as they progress (the CLI shows it on stderr). Called from worker threads.</summary>
public interface IRunObserver
{
    void RunStarted(PlannedRun run);
    void EpochCompleted(PlannedRun run, EpochMetrics metrics);
    void RunFinished(PlannedRun run, RunResult result);

    /// <summary>A baseline was trained on one dataset (after the runs).</summary>
    void BaselineFinished(string label, DataSpec data, BaselineResult result) { }
}

/// <summary>How to execute a plan: parallelism, the slice to run, whether to keep completed runs, where the data is.</summary>
/// <remarks>
/// <see cref="Extras"/>: what runs record besides their metrics (layers.csv; regions.csv for the first seed of each
/// variant on a binary 2-D dataset). Recording never changes a trained number. <see cref="Baseline"/>: the trainer of
/// the config's baseline (the caller makes it, so that Core never loads its library), trained once per dataset.
/// <see cref="SaveModels"/>: each completed network is written to models/&lt;run_id&gt;.actrun-model.
/// </remarks>
public sealed record RunOptions(int Threads, ShardSpec? Shard = null, bool Resume = false, string? DataDirectory = null,
    TrainingExtras Extras = TrainingExtras.Diagnostics | TrainingExtras.DecisionGrid, IBaselineTrainer? Baseline = null, bool SaveModels = false);

/// <summary>
/// What a run of a plan did: the summary, how many runs were trained, kept from before, or dropped, and the runs of
/// the slice (kept ones included) that diverged, as "relu seed 42 at epoch 3".
/// </summary>
public sealed record ExperimentOutcome(IReadOnlyList<SummaryRecord> Summary, int Trained, int Kept, int Dropped, bool Cancelled,
    IReadOnlyList<string> Diverged);

/// <summary>
/// Executes a plan (or one shard of it) into a result folder. <c>Threads</c> are shared out runs first: up to
/// that many runs train at once, and threads left over join the runs' matrix products (see <see cref="ShareThreads"/>).
/// A product's split never changes a sum's order, so the numbers never depend on the parallelism. metrics.csv gets
/// each epoch's row as it completes, and runs.csv is rewritten whole when a run starts and ends, so a process that
/// is killed leaves a folder of whole rows that <c>--resume</c> can continue: finished runs are kept, the others
/// trained again from the start and their rows replaced. At the end every file is rewritten whole in plan order.
/// </summary>
public static class ExperimentRunner
{
    /// <summary>Loads the data of the runs still to train, before anything is written (a data error leaves no folder).</summary>
    /// <param name="loaded">Datasets already in memory (a search's rounds and its comparison train on the same data): reused, not read again.</param>
    public static Dictionary<DataSpec, Dataset> LoadData(IEnumerable<PlannedRun> runs, string? dataDirectory, IReadOnlyDictionary<DataSpec, Dataset>? loaded = null) =>
        runs.Select(r => r.Data).Distinct().ToDictionary(d => d, d => loaded is not null && loaded.TryGetValue(d, out var data) ? data : d.Load(dataDirectory));

    /// <summary>The runs of the slice that a folder does not hold completed yet (all of them without resume).</summary>
    public static IReadOnlyList<PlannedRun> ToTrain(ExperimentPlan plan, string folder, RunOptions options)
    {
        var slice = plan.Shard(options.Shard);
        if (!options.Resume) return slice;
        var stored = ResultFolder.Load(folder);
        return slice.Where(r => !(stored.TryGetValue(r.RunId, out var s) && s.IsComplete(r))).ToList();
    }

    public static ExperimentOutcome Run(ExperimentPlan plan, string folder, RunOptions options, IReadOnlyDictionary<DataSpec, Dataset> data,
        IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var slice = plan.Shard(options.Shard);
        var inSlice = slice.Select(r => r.RunId).ToHashSet();
        var stored = options.Resume ? ResultFolder.Load(folder) : [];
        int dropped = stored.Keys.Count(id => !inSlice.Contains(id));
        // Keep only completed runs of this slice: a cut-off run's partial rows go, and it trains again.
        var results = slice.Where(r => stored.TryGetValue(r.RunId, out var s) && s.IsComplete(r)).ToDictionary(r => r.RunId, r => stored[r.RunId]);
        int kept = results.Count;
        var todo = slice.Where(r => !results.ContainsKey(r.RunId)).ToArray();
        var sliced = Sliced(plan, slice);

        ResultFolder.Prepare(folder);
        ResultFolder.WriteConfig(folder, ForFile(plan));
        var gate = new object();
        var records = results.ToDictionary(kv => kv.Key, kv => kv.Value.Record);
        var layers = Kept(ResultFolder.LoadByRun<LayerRecord>(folder, ResultFolder.LayersFile, l => l.RunId));
        foreach (var run in slice)
            if (layers.TryGetValue(run.RunId, out var rows)) FillLayerKinds(run, rows);
        var regions = Kept(ResultFolder.LoadByRun<RegionRecord>(folder, ResultFolder.RegionsFile, r => r.RunId));
        Dictionary<string, IReadOnlyList<T>> Kept<T>(Dictionary<string, IReadOnlyList<T>> stored) =>
            options.Resume ? stored.Where(kv => results.ContainsKey(kv.Key)).ToDictionary() : [];
        // Whole files in plan order: the kept runs now, every run at the end. In between rows are appended as they
        // come, so a kill loses at most the epoch being written; the index (runs.csv) is written after the rows
        // it vouches for, so a run it calls finished has all of its rows.
        void SaveAll()
        {
            ResultFolder.WriteMetrics(folder, sliced, results);
            ResultFolder.WriteLayers(folder, sliced, layers);
            ResultFolder.WriteRegions(folder, sliced, regions);
            ResultFolder.WriteRuns(folder, sliced, records);
        }
        SaveAll();
        WritePoints(folder, slice, data, options.Extras);

        var (version, commit) = RunRecord.Build;
        var (parallelRuns, kernelThreads) = ShareThreads(options.Threads, todo.Length);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelRuns };
        using (var metricsFile = new RowAppender(Path.Combine(folder, ResultFolder.MetricsFile), CsvTable.FormatRows([ResultFolder.MetricsHeader(sliced)])))
        using (var layersFile = new RowAppender(Path.Combine(folder, ResultFolder.LayersFile), CsvTable.FormatRows([ResultFolder.RecordsHeader<LayerRecord>(sliced)])))
        using (var regionsFile = new RowAppender(Path.Combine(folder, ResultFolder.RegionsFile), CsvTable.FormatRows([ResultFolder.RecordsHeader<RegionRecord>(sliced)])))
        {
            // One run at a time to whichever thread is free: over an array, Parallel.ForEach would cut the runs into
            // fixed ranges, and a thread whose range finished early sat idle while the other trained its last runs.
            Parallel.ForEach(Partitioner.Create(todo, EnumerablePartitionerOptions.NoBuffering), parallel, run =>
            {
                // A run that had not started when the user interrupted stays out of the files: it never ran.
                if (cancel.IsCancellationRequested) return;
                var started = DateTime.UtcNow;
                lock (gate)
                {
                    records[run.RunId] = new RunRecord(run.RunId, RunRecord.Running, 0, started, null, version, commit);
                    ResultFolder.WriteRuns(folder, sliced, records);
                }
                observer?.RunStarted(run);
                // Decision regions of the first seed are enough for the picture; the other seeds would only fill the file.
                var extras = run.SeedIndex == 0 ? options.Extras : options.Extras & ~TrainingExtras.DecisionGrid;
                if (options.SaveModels) extras |= TrainingExtras.Model;
                void OnEpoch(EpochMetrics m)
                {
                    metricsFile.Append(CsvTable.FormatRows(ResultFolder.MetricsRows(sliced, run, [m])));
                    observer?.EpochCompleted(run, m);
                }
                var result = Trainer.Train(data[run.Data], run.Settings, OnEpoch, cancel, extras, kernelThreads);
                // The model goes first: a run recorded as complete has its file. Only a network that finished training is saved.
                if (result.Status == RunStatus.Ok && result.Network is { } network)
                    ModelFile.Write(ModelFile.PathFor(folder, run.RunId), ModelFile.Describe(run, data[run.Data], network), network);
                var record = new RunRecord(run.RunId, RunRecord.StatusText(result.Status), result.Epochs.Count, started, DateTime.UtcNow, version, commit);
                var runLayers = result.Layers.Select(l => LayerRow(run, l)).ToList();
                var runRegions = result.Regions.Select(g => new RegionRecord { RunId = run.RunId, Activation = run.Variant.Label, Seed = run.Seed, X1 = g.X1, X2 = g.X2, P = g.P }).ToList();
                layersFile.Append(CsvTable.FormatRows(ResultFolder.RecordRows(run, runLayers)));
                regionsFile.Append(CsvTable.FormatRows(ResultFolder.RecordRows(run, runRegions)));
                lock (gate)
                {
                    records[run.RunId] = record;
                    results[run.RunId] = new StoredRun(record, result.Epochs);
                    if (runLayers.Count > 0) layers[run.RunId] = runLayers;
                    if (runRegions.Count > 0) regions[run.RunId] = runRegions;
                    ResultFolder.WriteRuns(folder, sliced, records);
                }
                observer?.RunFinished(run, result);
            });
        }

        SaveAll();
        if (options.Baseline is { } baseline && !cancel.IsCancellationRequested && (options.Shard is null || options.Shard.Index == 1))
            TrainBaselines(plan, folder, options, data, baseline, observer, cancel);
        var summary = ResultFolder.WriteSummary(folder, sliced, results);
        var diverged = slice.Where(r => results.TryGetValue(r.RunId, out var s) && s.Record.Status == RunRecord.StatusText(RunStatus.Diverged))
            .Select(r => $"{r.Variant.Label} seed {r.Seed} at epoch {results[r.RunId].Record.Epochs}").ToList();
        return new ExperimentOutcome(summary, todo.Count(r => results.ContainsKey(r.RunId)), kept, dropped, cancel.IsCancellationRequested, diverged);
    }

    /// <summary>
    /// The baseline on every dataset of the plan (in the first shard only, so merged shards hold it once), on the
    /// same data the networks trained on. A result already in baselines.csv with the same settings is kept on resume.
    /// </summary>
    private static void TrainBaselines(ExperimentPlan plan, string folder, RunOptions options, IReadOnlyDictionary<DataSpec, Dataset> data,
        IBaselineTrainer baseline, IRunObserver? observer, CancellationToken cancel)
    {
        var stored = options.Resume ? ResultFolder.LoadBaselines(folder, plan).Where(b => b.Baseline == baseline.Label && b.Settings == baseline.Settings).ToList() : [];
        var records = new List<BaselineRecord>();
        foreach (var spec in plan.Runs.Select(r => r.Data).Distinct())
        {
            if (stored.FirstOrDefault(b => b.Dataset == spec.Key) is { } kept)
            {
                records.Add(kept);
                continue;
            }
            var dataset = data.TryGetValue(spec, out var loaded) ? loaded : spec.Load(options.DataDirectory);
            BaselineResult result;
            try
            {
                result = baseline.Train(dataset, plan.Config.Seed, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Interrupted: the finished baselines are kept, the rest is left for --resume.
                break;
            }
            records.Add(new BaselineRecord
            {
                Baseline = baseline.Label, Dataset = spec.Key, TrainLoss = result.TrainLoss, TrainAccuracy = result.TrainAccuracy,
                TestLoss = result.TestLoss, TestAccuracy = result.TestAccuracy, TrainSeconds = result.Seconds, Settings = baseline.Settings,
                Version = RunRecord.Build.Version,
            });
            observer?.BaselineFinished(baseline.Label, spec, result);
        }
        ResultFolder.WriteBaselines(folder, records);
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

    /// <summary>Rows from a file of ActRun before model specs have no layer_kind: the run's spec says what each layer is.</summary>
    private static void FillLayerKinds(PlannedRun run, IReadOnlyList<LayerRecord> rows)
    {
        var kinds = run.Settings.Model.Spec.NetworkKinds();
        foreach (var row in rows)
            if (row.LayerKind.Length == 0 && row.Layer >= 1 && row.Layer <= kinds.Count) row.LayerKind = kinds[row.Layer - 1];
    }

    private static LayerRecord LayerRow(PlannedRun run, LayerStats l) => new()
    {
        RunId = run.RunId, Activation = run.Variant.Label, Seed = run.Seed, Epoch = l.Epoch, Layer = l.Layer, LayerKind = l.Kind,
        WeightNorm = l.WeightNorm, GradNorm = l.GradNorm, UpdateRatio = l.UpdateRatio, ActivationMean = l.ActivationMean,
        ActivationStd = l.ActivationStd, DeadFraction = l.DeadFraction, SaturatedFraction = l.SaturatedFraction,
        InputP15 = l.InputP15, InputP50 = l.InputP50, InputP85 = l.InputP85,
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
