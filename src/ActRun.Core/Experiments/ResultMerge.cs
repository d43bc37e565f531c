using ActRun.Core.Models;
using ActRun.Core.Results;

namespace ActRun.Core.Experiments;

/// <summary>
/// Combines the folders of shards (or any folders of one experiment) into one, with summaries recomputed from
/// the merged runs: the result is the folder that running the whole experiment at once would have written
/// (timing columns aside), because runs are placed in plan order and every number is read back exactly.
/// </summary>
public static class ResultMerge
{
    /// <summary>
    /// What the folders hold together, read and checked before anything is written: each run with the folder it is taken
    /// from (<see cref="Sources"/>), whose layers.csv and regions.csv rows and model file go with it.
    /// </summary>
    public sealed record Merged(ExperimentPlan Plan, string ConfigText, IReadOnlyDictionary<string, StoredRun> Runs, IReadOnlyList<BaselineRecord> Baselines)
    {
        public IReadOnlyDictionary<string, string> Sources { get; init; } = new Dictionary<string, string>();
        public IReadOnlyDictionary<string, IReadOnlyList<LayerRecord>> Layers { get; init; } = new Dictionary<string, IReadOnlyList<LayerRecord>>();
        public IReadOnlyDictionary<string, IReadOnlyList<RegionRecord>> Regions { get; init; } = new Dictionary<string, IReadOnlyList<RegionRecord>>();
        /// <summary>The points.csv to carry (the folder that holds the first run on the dataset drawn), or null.</summary>
        public string? Points { get; init; }
    }

    public static (ExperimentPlan Plan, IReadOnlyList<SummaryRecord> Summary) Merge(IReadOnlyList<string> folders, string outFolder)
    {
        var merged = Read(folders);
        return (merged.Plan, Write(merged, outFolder));
    }

    /// <summary>Reads the folders and checks that they hold one experiment and every run of it; writes nothing.</summary>
    public static Merged Read(IReadOnlyList<string> folders)
    {
        if (folders.Count == 0) throw new ConfigException("merge: give at least one result folder.");
        ExperimentConfig? config = null;
        string? configText = null, first = null;
        var runs = new Dictionary<string, StoredRun>();
        var sources = new Dictionary<string, string>();
        foreach (string folder in folders)
        {
            string path = Path.Combine(folder, ResultFolder.ConfigFile);
            if (!File.Exists(path) || !ResultFolder.HasResults(folder))
                throw new ConfigException($"merge: '{folder}' is not a result folder (no {ResultFolder.ConfigFile} or {ResultFolder.RunsFile}).");
            string text = File.ReadAllText(path);
            if (configText is null)
            {
                (config, configText, first) = (ConfigReader.Parse(text, path), text, folder);
            }
            else if (text != configText)
            {
                throw new ConfigException($"merge: '{folder}' holds a different experiment than '{first}' (their {ResultFolder.ConfigFile} differ); merge only shards of one experiment.");
            }
            foreach (var (id, run) in ResultFolder.Load(folder))
                if (!runs.TryGetValue(id, out var existing) || Rank(run) > Rank(existing)) (runs[id], sources[id]) = (run, folder);
        }

        var plan = ExperimentPlan.Create(config!);
        var missing = plan.Runs.Where(r => !runs.TryGetValue(r.RunId, out var s) || !s.IsComplete(r)).ToList();
        if (missing.Count > 0)
        {
            var m = missing[0];
            throw new ConfigException(
                $"merge: {missing.Count} of {plan.Runs.Count} runs are missing or unfinished (e.g. run {m.RunId}, {m.Variant.Label} seed {m.Seed}); " +
                "merge the folders of every shard, or finish a shard with 'actrun run CONFIG --shard I/N --resume'.");
        }
        var merged = plan.Runs.ToDictionary(r => r.RunId, r => runs[r.RunId]);
        // The baseline is trained in the first shard only; carry whichever folder has it.
        var baselines = folders.SelectMany(f => ResultFolder.LoadBaselines(f, plan)).GroupBy(b => b.Dataset).Select(g => g.First()).ToList();
        // Each run's diagnostics come from the folder its metrics come from: a cut-off copy elsewhere may hold rows too.
        var layers = ByRun<LayerRecord>(folders, ResultFolder.LayersFile, l => l.RunId, sources);
        var regions = ByRun<RegionRecord>(folders, ResultFolder.RegionsFile, r => r.RunId, sources);
        return new Merged(plan, configText!, merged, baselines)
        {
            Sources = plan.Runs.ToDictionary(r => r.RunId, r => sources[r.RunId]), Layers = layers, Regions = regions,
            Points = PointsSource(plan, folders, sources, regions),
        };
    }

    private static Dictionary<string, IReadOnlyList<T>> ByRun<T>(IReadOnlyList<string> folders, string file, Func<T, string> runId,
        Dictionary<string, string> sources) =>
        folders.SelectMany(f => ResultFolder.LoadByRun(f, file, runId).Where(kv => sources.GetValueOrDefault(kv.Key) == f)).ToDictionary();

    /// <summary>
    /// A whole run draws the test points of the first dataset (in plan order) with decision regions; a shard those of the
    /// first such dataset in its slice. So the folder that holds the plan's first run on that dataset has the same
    /// points.csv. The regions say which datasets have them; without any, the folder with the plan's first run is taken.
    /// </summary>
    private static string? PointsSource(ExperimentPlan plan, IReadOnlyList<string> folders, Dictionary<string, string> sources,
        Dictionary<string, IReadOnlyList<RegionRecord>> regions)
    {
        var withPoints = folders.Where(f => File.Exists(Path.Combine(f, ResultFolder.PointsFile))).ToList();
        if (withPoints.Count == 0) return null;
        var drawn = plan.Runs.FirstOrDefault(r => regions.ContainsKey(r.RunId))?.Data;
        var first = plan.Runs.FirstOrDefault(r => drawn is null || r.Data.Equals(drawn));
        return first is not null && withPoints.Contains(sources[first.RunId]) ? sources[first.RunId] : withPoints[0];
    }

    /// <summary>
    /// Writes the merged folder, every file a whole run writes but its report: config.yaml as the shards have it; the
    /// runs, their metrics, layers and regions in plan order; points.csv, the baselines and the saved models carried
    /// over; the summary recomputed. The models go before runs.csv, as in a run: a run the index lists has its file.
    /// </summary>
    public static IReadOnlyList<SummaryRecord> Write(Merged merged, string outFolder)
    {
        ResultFolder.Prepare(outFolder);
        AtomicFile.WriteText(Path.Combine(outFolder, ResultFolder.ConfigFile), merged.ConfigText);
        if (merged.Points is { } points) Copy(Path.Combine(points, ResultFolder.PointsFile), Path.Combine(outFolder, ResultFolder.PointsFile));
        foreach (var (id, source) in merged.Sources)
            if (File.Exists(ModelFile.PathFor(source, id)))
            {
                Directory.CreateDirectory(Path.Combine(outFolder, ResultFolder.ModelsFolder));
                Copy(ModelFile.PathFor(source, id), ModelFile.PathFor(outFolder, id));
            }
        ResultFolder.WriteMetrics(outFolder, merged.Plan, merged.Runs);
        ResultFolder.WriteLayers(outFolder, merged.Plan, merged.Layers);
        ResultFolder.WriteRegions(outFolder, merged.Plan, merged.Regions);
        ResultFolder.WriteRuns(outFolder, merged.Plan, merged.Runs.ToDictionary(kv => kv.Key, kv => kv.Value.Record));
        if (merged.Baselines.Count > 0) ResultFolder.WriteBaselines(outFolder, merged.Baselines);
        return ResultFolder.WriteSummary(outFolder, merged.Plan, merged.Runs);
    }

    private static void Copy(string from, string to) =>
        AtomicFile.Write(to, stream =>
        {
            using var source = File.OpenRead(from);
            source.CopyTo(stream);
        });

    /// <summary>A finished run beats a cut-off one when two folders hold the same run.</summary>
    private static int Rank(StoredRun run) => run.Record.Status switch { "ok" or "diverged" => 2, RunRecord.Running => 0, _ => 1 };
}
