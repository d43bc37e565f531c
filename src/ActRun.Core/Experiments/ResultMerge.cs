using ActRun.Core.Results;

namespace ActRun.Core.Experiments;

/// <summary>
/// Combines the folders of shards (or any folders of one experiment) into one, with summaries recomputed from
/// the merged runs: the result is the folder that running the whole experiment at once would have written
/// (timing columns aside), because runs are placed in plan order and every number is read back exactly.
/// </summary>
public static class ResultMerge
{
    /// <summary>What the folders hold together, read and checked before anything is written.</summary>
    public sealed record Merged(ExperimentPlan Plan, string ConfigText, IReadOnlyDictionary<string, StoredRun> Runs, IReadOnlyList<BaselineRecord> Baselines);

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
                if (!runs.TryGetValue(id, out var existing) || Rank(run) > Rank(existing)) runs[id] = run;
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
        return new Merged(plan, configText!, merged, baselines);
    }

    /// <summary>Writes the merged folder: config.yaml as the shards have it, the runs in plan order, the summary recomputed.</summary>
    public static IReadOnlyList<SummaryRecord> Write(Merged merged, string outFolder)
    {
        ResultFolder.Prepare(outFolder);
        AtomicFile.WriteText(Path.Combine(outFolder, ResultFolder.ConfigFile), merged.ConfigText);
        ResultFolder.WriteRuns(outFolder, merged.Plan, merged.Runs.ToDictionary(kv => kv.Key, kv => kv.Value.Record));
        ResultFolder.WriteMetrics(outFolder, merged.Plan, merged.Runs);
        if (merged.Baselines.Count > 0) ResultFolder.WriteBaselines(outFolder, merged.Baselines);
        return ResultFolder.WriteSummary(outFolder, merged.Plan, merged.Runs);
    }

    /// <summary>A finished run beats a cut-off one when two folders hold the same run.</summary>
    private static int Rank(StoredRun run) => run.Record.Status switch { "ok" or "diverged" => 2, RunRecord.Running => 0, _ => 1 };
}
