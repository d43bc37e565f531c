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
        /// <summary>The shards' trials.csv as one (a searched experiment), or null.</summary>
        public (IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows)? Trials { get; init; }
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
                // Shards of a search each chose for their own variants: the same experiment when only tuned: differs.
                var other = ConfigReader.Parse(text, path);
                if (config!.Tune is null || JoinTuned(config, other) is not { } joined)
                    throw new ConfigException($"merge: '{folder}' holds a different experiment than '{first}' (their {ResultFolder.ConfigFile} differ); merge only shards of one experiment.");
                (config, configText) = (joined, ConfigYaml.Serialize(joined));
            }
            foreach (var (id, run) in ResultFolder.Load(folder))
                if (!runs.TryGetValue(id, out var existing) || Rank(run) > Rank(existing)) (runs[id], sources[id]) = (run, folder);
        }

        var plan = ExperimentPlan.Create(config!);
        if (config!.Tuned is { } tuned && config.Tune is not null)
        {
            // tuned: in variant order, as a whole search writes it.
            config.Tuned = plan.Variants.Where(v => tuned.ContainsKey(v.Label)).ToDictionary(v => v.Label, v => tuned[v.Label]);
            configText = ConfigYaml.Serialize(config);
        }
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
            Trials = JoinTrials(plan, folders),
            Sources = plan.Runs.ToDictionary(r => r.RunId, r => sources[r.RunId]), Layers = layers, Regions = regions,
            Points = PointsSource(plan, folders, sources, regions),
        };
    }

    /// <summary>
    /// The two configs as one when they differ only in their tuned: sections (shards of one search) and agree on every
    /// variant both list; null otherwise.
    /// </summary>
    private static ExperimentConfig? JoinTuned(ExperimentConfig a, ExperimentConfig b)
    {
        static string WithoutTuned(ExperimentConfig c)
        {
            var copy = c.Clone();
            copy.Tuned = null;
            return ConfigYaml.Serialize(copy);
        }
        if (WithoutTuned(a) != WithoutTuned(b)) return null;
        var joined = a.Clone();
        joined.Tuned ??= [];
        foreach (var (label, setting) in b.Tuned ?? [])
        {
            if (joined.Tuned.TryGetValue(label, out var mine) && !mine.SequenceEqual(setting)) return null;
            joined.Tuned[label] = setting;
        }
        return joined;
    }

    /// <summary>
    /// trials.csv of shards of a search, as one: every shard's rows, ordered as a whole search writes them (by round, then
    /// variant in plan order, each shard's own order within). Null when no folder has one.
    /// </summary>
    public static (IReadOnlyList<string> Header, List<Dictionary<string, string>> Rows)? JoinTrials(ExperimentPlan plan, IReadOnlyList<string> folders)
    {
        var files = folders.Select(f => Path.Combine(f, ResultFolder.TrialsFile)).Where(File.Exists).ToList();
        if (files.Count == 0) return null;
        var order = plan.Variants.Select((v, i) => (v.Label, i)).ToDictionary(p => p.Label, p => p.i);
        var rows = files.SelectMany(f => CsvTable.Read(f)).ToList();
        var header = rows.Count > 0 ? rows[0].Keys.ToList() : [];
        return (header, rows.Select((r, i) => (r, i))
            .OrderBy(x => int.Parse(x.r["round"], System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(x => order.GetValueOrDefault(x.r["variant"], int.MaxValue)).ThenBy(x => x.i).Select(x => x.r).ToList());
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
        if (merged.Trials is { } trials)
            CsvTable.Write(Path.Combine(outFolder, ResultFolder.TrialsFile), trials.Header, trials.Rows.Select(r => (IReadOnlyList<object?>)trials.Header.Select(h => (object?)r[h]).ToList()));
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
