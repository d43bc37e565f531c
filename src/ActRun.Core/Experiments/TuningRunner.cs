using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>
/// Tune, then compare: runs an experiment's search (<see cref="TuneSpec"/>) round by round, each round a plan of
/// its own in <c>trials/round-N</c> (so it trains in parallel and resumes like any run), scores every trial on its
/// validation split only, writes trials.csv, and returns the config with each variant's choice in <c>tuned:</c>. The
/// comparison is then an ordinary plan of that config, trained with the experiment's seeds and compared on test.
/// </summary>
public static class TuningRunner
{
    /// <param name="observerFor">Hears about the runs of each round (round, its plan); null for none.</param>
    /// <param name="data">Datasets already loaded; the ones the rounds load are added to it.</param>
    public static (ExperimentConfig Tuned, TuneOutcome Outcome) Search(ExperimentConfig config, string folder, RunOptions options,
        Func<int, ExperimentPlan, IRunObserver?>? observerFor = null, CancellationToken cancel = default, Dictionary<DataSpec, Dataset>? data = null)
    {
        // Every round trains on the experiment's data: read once, kept for the next round and for the comparison.
        data ??= [];
        var spec = config.Tune ?? throw new InvalidOperationException("no tune: section");
        if (config.Train.ValidationFraction is not > 0)
            throw config.ErrorAt("tune", "tune: the search chooses on a validation split, and this experiment has none; set train.validation_fraction (e.g. 0.1) or --validation-fraction.");
        var tunedKeys = ExperimentPlan.TunedKeys(config);
        var trialConfig = config.Clone();
        trialConfig.Expect.Clear();
        var basePlan = ExperimentPlan.Create(WithoutTune(config));
        // A shard searches for its own variants (ExperimentPlan.Shard cuts a searched experiment by variant).
        var mine = basePlan.Variants.Where(v => ExperimentPlan.InShard(v.Index, options.Shard)).ToList();
        var candidates = spec.Candidates(config.Seed);
        int seeds = Math.Min(spec.Seeds, config.RunSeeds().Count);
        var trialOptions = options with { Extras = TrainingExtras.None, Baseline = null, SaveModels = false, Shard = null };

        IReadOnlyList<double> Evaluate(int round, int epochs, IReadOnlyList<(int Variant, TunePoint Point)> runs)
        {
            var plan = ExperimentPlan.CreateTrials(trialConfig, tunedKeys, runs.Select(r => (mine[r.Variant].Index, r.Point)).ToList(), epochs, seeds);
            string roundFolder = RoundFolder(folder, round);
            foreach (var (dataSpec, loaded) in ExperimentRunner.LoadData(ExperimentRunner.ToTrain(plan, roundFolder, trialOptions), options.DataDirectory, data))
                data[dataSpec] = loaded;
            var outcome = ExperimentRunner.Run(plan, roundFolder, trialOptions, data, observerFor?.Invoke(round, plan), cancel);
            if (outcome.Cancelled) throw new OperationCanceledException(cancel);
            var stored = ResultFolder.Load(roundFolder);
            return plan.Variants.Select(v => Score(plan.Runs.Where(r => r.Variant == v).Select(r => stored.GetValueOrDefault(r.RunId)), spec)).ToList();
        }

        var tuned = WithoutTune(config);
        tuned.Tune = spec;
        if (mine.Count == 0)
        {
            // More shards than variants: nothing to search or train here.
            tuned.Tuned = [];
            return (tuned, new TuneOutcome([], []));
        }
        var result = Tuner.Search(spec, mine.Count, candidates, config.Train.Epochs, Evaluate);
        WriteTrials(folder, spec, mine, basePlan.Config, tunedKeys, result.Trials);
        tuned.Tuned = mine.Select((v, i) => (v.Label, result.Chosen[i])).ToDictionary(p => p.Label, p => p.Item2.Values.ToList());
        return (tuned, result);
    }

    /// <summary>The config without its search, for the plan of its variants.</summary>
    private static ExperimentConfig WithoutTune(ExperimentConfig config)
    {
        var c = config.Clone();
        c.Tune = null;
        c.Tuned = null;
        return c;
    }

    public static string RoundFolder(string folder, int round) =>
        Path.Combine(folder, ResultFolder.TrialsFolder, $"round-{(round + 1).ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// A trial's score: per seed, the validation metric at the epoch that validation chose (the best one, as restore-best
    /// keeps it), then the mean over seeds; NaN when a seed diverged or did not finish, so it never wins.
    /// </summary>
    public static double Score(IEnumerable<StoredRun?> runs, TuneSpec spec)
    {
        var perSeed = runs.Select(run =>
        {
            if (run is null || run.Record.Status != RunRecord.StatusText(RunStatus.Ok) || run.Epochs.Count == 0) return double.NaN;
            var values = run.Epochs.Select(e => spec.LowerIsBetter ? e.ValLoss : e.ValAccuracy).Where(double.IsFinite).ToList();
            return values.Count == 0 ? double.NaN : spec.LowerIsBetter ? values.Min() : values.Max();
        }).ToList();
        return perSeed.Count == 0 || perSeed.Any(double.IsNaN) ? double.NaN : perSeed.Average();
    }

    private static void WriteTrials(string folder, TuneSpec spec, IReadOnlyList<Variant> variants, ExperimentConfig config, IReadOnlyList<ConfigKey> tunedKeys,
        IReadOnlyList<Trial> trials)
    {
        var header = (IReadOnlyList<string>)["variant", .. tunedKeys.Select(k => k.Column), "round", "epochs", "seeds", spec.Metric, "kept", "chosen"];
        int lastRound = trials.Max(t => t.Round);
        var rows = trials.Select(t => (IReadOnlyList<object?>)[
            variants[t.Variant].Label,
            .. tunedKeys.Select(k => (object?)t.Point.Values.First(v => v.Key == k.Path).Value),
            t.Round + 1, t.Epochs, Math.Min(spec.Seeds, config.RunSeeds().Count), t.Score,
            t.Kept ? 1 : 0, t.Kept && t.Round == lastRound ? 1 : 0,
        ]);
        CsvTable.Write(Path.Combine(folder, ResultFolder.TrialsFile), header, rows);
    }
}
