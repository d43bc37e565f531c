using ActRun.Core.Experiments;

namespace ActRun.Core.Results;

/// <summary>
/// Everything a report is made from, read back from a result folder's files alone (config.yaml, runs.csv,
/// metrics.csv and, when present, layers.csv, regions.csv, points.csv), so any folder — merged shards
/// included — can be reported on. Rows are labelled by variant (the activation when only activations vary).
/// </summary>
public sealed record ReportData(
    string ConfigYaml,
    IReadOnlyList<SummaryRecord> Summary,
    IReadOnlyList<MetricRecord> Metrics,
    IReadOnlyList<LayerRecord> Layers,
    IReadOnlyList<RegionRecord> Regions,
    IReadOnlyList<PointRecord> Points)
{
    /// <param name="shard">The slice the folder was run for: its runs are the ones counted (the whole plan without one).</param>
    public static ReportData Load(string folder, ShardSpec? shard = null)
    {
        string configPath = Path.Combine(folder, ResultFolder.ConfigFile);
        if (!File.Exists(configPath) || !File.Exists(Path.Combine(folder, ResultFolder.RunsFile)))
            throw new ConfigException($"'{folder}' is not a result folder: it needs {ResultFolder.ConfigFile} and {ResultFolder.RunsFile} (written by compare and run).");
        string yaml = File.ReadAllText(configPath);
        var config = ConfigReader.Parse(yaml, configPath);
        var plan = ExperimentPlan.Create(config);
        if (shard is not null) plan = plan.Restrict(plan.Shard(shard));
        var stored = ResultFolder.Load(folder);
        var done = plan.Runs.Where(r => stored.ContainsKey(r.RunId)).ToList();
        var results = done.Select(r => (r, stored[r.RunId].ToResult(r))).ToList();
        var summary = Results.Summary.ByVariant(plan, results).ToList();
        summary.ForEach(row => row.Activation = row.Label);
        var metrics = done.SelectMany(r => stored[r.RunId].Epochs.Select(e => new MetricRecord
        {
            Activation = r.Variant.Label, Seed = r.Seed, Epoch = e.Epoch, RunId = r.RunId,
            TrainLoss = e.TrainLoss, TrainAccuracy = e.TrainAccuracy, TestLoss = e.TestLoss, TestAccuracy = e.TestAccuracy, EpochSeconds = e.EpochSeconds,
            ValLoss = double.IsNaN(e.ValLoss) ? null : e.ValLoss, ValAccuracy = double.IsNaN(e.ValAccuracy) ? null : e.ValAccuracy,
            TestRmse = e.IsRegression ? e.TestRmse : null, TestMae = e.IsRegression ? e.TestMae : null, TestR2 = e.IsRegression ? e.TestR2 : null,
        })).ToList();
        var label = done.ToDictionary(r => r.RunId, r => r.Variant.Label);
        var layers = Read<LayerRecord>(folder, ResultFolder.LayersFile).Where(l => label.ContainsKey(l.RunId)).ToList();
        layers.ForEach(l => l.Activation = label[l.RunId]);
        var regions = Read<RegionRecord>(folder, ResultFolder.RegionsFile).Where(r => label.ContainsKey(r.RunId)).ToList();
        regions.ForEach(r => r.Activation = label[r.RunId]);
        return new ReportData(yaml, summary, metrics, layers, regions, Read<PointRecord>(folder, ResultFolder.PointsFile))
        {
            Activations = plan.Runs.Select(r => r.Variant.Activation).Distinct().ToList(),
            Finals = Finished(done, stored),
            Regression = ResultFolder.HasRegression(plan),
            Margin = plan.Config.EquivalenceMargin ?? Comparisons.DefaultMargin,
            Tuned = ReportWriter.TunedSettings(config),
            Depths = DepthSweep.Runs(results),
        };
    }

    /// <summary>The activations the experiment compares (their specs, in plan order, each once).</summary>
    public IReadOnlyList<string> Activations { get; init; } = [];

    /// <summary>The last epoch of every run that finished every epoch: what the verdicts pair by seed.</summary>
    public IReadOnlyList<RunFinal> Finals { get; init; } = [];

    /// <summary>Whether the experiment has a regression task (its verdicts are on R², with loss, RMSE and MAE beside).</summary>
    public bool Regression { get; init; }

    /// <summary>The finished runs as points of accuracy against depth, when the sweep varies depth (<see cref="DepthSweep.Runs"/>); else empty.</summary>
    public IReadOnlyList<DepthRun> Depths { get; init; } = [];

    /// <summary>The equivalence margin of the verdicts (report.equivalence_margin, --margin).</summary>
    public double Margin { get; init; } = Comparisons.DefaultMargin;

    /// <summary>For a tuned experiment, the sentence naming each variant's chosen setting (<see cref="ReportWriter.TunedSettings"/>); else null.</summary>
    public string? Tuned { get; init; }

    /// <summary>
    /// Runs grouped by dataset when several datasets are compared (a swept dataset key: pairs form within a dataset,
    /// named by its swept values); each run's variant is named by its other swept values, so a variant has one
    /// name on every dataset.
    /// </summary>
    private static List<RunFinal> Finished(IReadOnlyList<PlannedRun> done, IReadOnlyDictionary<string, StoredRun> stored)
    {
        static bool IsData(SweptValue v) => v.Key.StartsWith("dataset", StringComparison.Ordinal);
        static string Name(IReadOnlyList<SweptValue> values, string alone) => values.Count switch
        {
            0 => alone,
            1 => values[0].Value,
            _ => string.Join(" ", values.Select(v => $"{v.Column}={v.Value}")),
        };
        var finals = new List<RunFinal>();
        foreach (var run in done)
        {
            var result = stored[run.RunId].ToResult(run);
            // A run is judged at the epoch it reports (the best on validation, else the last), as the summary is; an
            // early-stopped run finished.
            if (result.Status != Training.RunStatus.Ok || (result.Epochs.Count != run.Settings.Train.Epochs && result.StoppedEpoch is null)
                || result.Reported is not { } last) continue;
            var data = run.Variant.Values.Where(IsData).ToList();
            string group = data.Count == 0 ? "" : Name(data, "");
            string variant = Name(run.Variant.Values.Where(v => !IsData(v)).ToList(), run.Variant.Activation);
            finals.Add(new RunFinal(group, variant, run.Seed, last.TestAccuracy, last.TestLoss, last.TestRmse, last.TestMae, last.TestR2));
        }
        return finals;
    }

    private static List<T> Read<T>(string folder, string file)
    {
        string path = Path.Combine(folder, file);
        if (!File.Exists(path)) return [];
        try
        {
            return CsvFiles.Read<T>(path, wholeLinesOnly: true);
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new ConfigException($"{path}: cannot be read ({e.GetType().Name}); it may be damaged.", e);
        }
    }
}
