using System.Globalization;
using ActRun.Core.Experiments;
using MathNet.Numerics.Distributions;

namespace ActRun.Core.Results;

/// <summary>One setting whose value differs between two result folders; null where a folder does not set it.</summary>
public sealed record SettingDifference(string Key, string? A, string? B);

/// <summary>
/// A paired t-test of B − A over the seeds both folders ran for a variant: n pairs, the mean difference with its 95%
/// confidence interval (Student t, n − 1 degrees of freedom), t and the two-sided p. With fewer than
/// <see cref="ResultDiff.MinimumPairs"/> pairs only n and the mean difference are given (the rest NaN); when every
/// difference is the same, the interval is that value and t and p are NaN.
/// </summary>
public sealed record PairedTest(int N, double MeanDifference, double Ci95Low, double Ci95High, double T, double P)
{
    public bool Tested => N >= ResultDiff.MinimumPairs;

    /// <summary>What the test is, or why there is none: "paired t-test", "2 paired seeds (fewer than 3): no test".</summary>
    public string Description => N == 0 ? "no seeds in common: no test"
        : !Tested ? $"{N} paired seed{(N == 1 ? "" : "s")} (fewer than {ResultDiff.MinimumPairs}): no test"
        : double.IsNaN(P) ? "paired t-test: every difference is the same, no p-value"
        : "paired t-test";
}

/// <summary>One variant in both folders: its key values, its summary metrics in A and in B, and the paired test.</summary>
public sealed record VariantDifference(IReadOnlyList<string> Keys, IReadOnlyList<(string Metric, double A, double B)> Metrics, PairedTest Test)
{
    public string Label => string.Join(" ", Keys);
}

/// <summary>Everything <c>actrun diff</c> shows: the settings that differ, the variants side by side, and those in one folder only.</summary>
public sealed record ResultDiffResult(
    IReadOnlyList<SettingDifference> Settings,
    IReadOnlyList<string> KeyColumns,
    IReadOnlyList<VariantDifference> Variants,
    IReadOnlyList<string> OnlyInA,
    IReadOnlyList<string> OnlyInB);

/// <summary>
/// What differs between two result folders. Reads config.yaml, summary.csv, runs.csv and metrics.csv of each
/// (read-only: no lock is taken, nothing is written). Variants are matched by their key columns (summary.csv's
/// first columns, <see cref="ExperimentPlan.KeyColumns"/>); a key column that only one folder has (a key swept in one
/// and fixed in the other) takes the other folder's fixed setting. The paired test is on the final test accuracy of
/// each seed both folders ran for the variant (runs that finished every epoch, as in the summary).
/// </summary>
public static class ResultDiff
{
    /// <summary>Fewer pairs than this give no p-value: with n = 2 a t-test has one degree of freedom and means little.</summary>
    public const int MinimumPairs = 3;

    /// <summary>summary.csv columns that are not compared: counts, spreads and timing (the means and their metrics are).</summary>
    private static readonly HashSet<string> NotCompared =
        ["seeds", "epochs", "n", "best_epoch", "epochs_trained", "train_seconds", "status", "runs_finished", "runs_diverged", "runs_cancelled", "expected", "within_expected"];

    private static readonly string[] SpreadSuffixes = ["_std", "_min", "_max", "_ci95_low", "_ci95_high"];

    public static ResultDiffResult Compare(string folderA, string folderB)
    {
        var a = Folder.Read(folderA);
        var b = Folder.Read(folderB);
        var settings = SettingDifferences(a.Config, b.Config);

        // A's key columns, then those only B has.
        var keyColumns = a.KeyColumns.Concat(b.KeyColumns.Where(c => !a.KeyColumns.Contains(c))).ToList();
        var metrics = a.Header.Where(c => !a.KeyColumns.Contains(c) && !b.KeyColumns.Contains(c) && b.Header.Contains(c))
            .Where(c => !NotCompared.Contains(c) && !SpreadSuffixes.Any(c.EndsWith)).ToList();

        var rowsB = b.Summary.ToDictionary(r => Key(b, r, keyColumns), r => r);
        var seedsB = b.FinalAccuracyBySeed(keyColumns);
        var seedsA = a.FinalAccuracyBySeed(keyColumns);
        var variants = new List<VariantDifference>();
        var onlyInA = new List<string>();
        foreach (var rowA in a.Summary)
        {
            string key = Key(a, rowA, keyColumns);
            if (!rowsB.TryGetValue(key, out var rowB))
            {
                onlyInA.Add(Label(a, rowA, keyColumns));
                continue;
            }
            var values = metrics.Select(m => (m, Number(rowA, m), Number(rowB, m))).ToList();
            var pairsA = seedsA.GetValueOrDefault(key) ?? [];
            var pairsB = seedsB.GetValueOrDefault(key) ?? [];
            var differences = pairsA.Keys.Where(pairsB.ContainsKey).Order().Select(s => pairsB[s] - pairsA[s]).ToList();
            variants.Add(new VariantDifference(keyColumns.Select(c => Value(a, rowA, c)).ToList(), values, PairedTTest(differences)));
        }
        var keysA = a.Summary.Select(r => Key(a, r, keyColumns)).ToHashSet();
        var onlyInB = b.Summary.Where(r => !keysA.Contains(Key(b, r, keyColumns))).Select(r => Label(b, r, keyColumns)).ToList();
        return new ResultDiffResult(settings, keyColumns, variants, onlyInA, onlyInB);
    }

    /// <summary>
    /// The paired t-test of differences dᵢ = Bᵢ − Aᵢ: mean d̄, s = sd(d), t = d̄ / (s/√n) with n − 1 degrees of freedom,
    /// p = 2·P(T &gt; |t|), 95% interval d̄ ± t₀.₉₇₅ · s/√n. Below <see cref="MinimumPairs"/> pairs: n and d̄ only.
    /// </summary>
    public static PairedTest PairedTTest(IReadOnlyList<double> differences)
    {
        int n = differences.Count;
        double mean = Statistics.Mean(differences);
        if (n < MinimumPairs) return new PairedTest(n, mean, double.NaN, double.NaN, double.NaN, double.NaN);
        double se = Math.Sqrt(Statistics.Variance(differences) / n);
        if (se == 0) return new PairedTest(n, mean, mean, mean, double.NaN, double.NaN);
        double t = mean / se;
        double quantile = StudentT.InvCDF(0, 1, n - 1, 0.975);
        double p = 2 * (1 - StudentT.CDF(0, 1, n - 1, Math.Abs(t)));
        return new PairedTest(n, mean, mean - quantile * se, mean + quantile * se, t, p);
    }

    /// <summary>
    /// The settings of a config as key → text: every settable key (a swept key as its sweep list, not its base value),
    /// the seeds, the baseline and the expected ranges. The name and description are labels, not settings.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Settings(ExperimentConfig config)
    {
        var settings = new Dictionary<string, string>();
        foreach (var key in ConfigKeys.All)
        {
            if (config.Sweep.TryGetValue(key.Path, out var values)) settings[key.Path] = $"sweep [{string.Join(", ", values)}]";
            else if (key.Get(config) is { Length: > 0 } value) settings[key.Path] = value;
        }
        settings["seeds"] = string.Join(", ", config.RunSeeds());
        if (config.Baseline is { } baseline) settings["baseline"] = baseline;
        foreach (var (label, ranges) in config.Expect)
            foreach (var (metric, range) in ranges)
                settings[$"expect.{label}.{metric}"] = $"[{string.Join(", ", range.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]";
        return settings;
    }

    public static IReadOnlyList<SettingDifference> SettingDifferences(ExperimentConfig a, ExperimentConfig b)
    {
        var sa = Settings(a);
        var sb = Settings(b);
        return sa.Keys.Concat(sb.Keys.Where(k => !sa.ContainsKey(k)))
            .Select(k => new SettingDifference(k, sa.GetValueOrDefault(k), sb.GetValueOrDefault(k)))
            .Where(d => d.A != d.B).ToList();
    }

    private static string Key(Folder folder, Dictionary<string, string> row, IReadOnlyList<string> columns) =>
        string.Join("\u001f", columns.Select(c => Value(folder, row, c)));

    private static string Label(Folder folder, Dictionary<string, string> row, IReadOnlyList<string> columns) =>
        string.Join(" ", columns.Select(c => $"{c}={Value(folder, row, c)}"));

    /// <summary>A key column's value in a row, or the folder's fixed setting for a column it does not have.</summary>
    private static string Value(Folder folder, Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out string? value) ? value
        : ConfigKeys.All.FirstOrDefault(k => k.Column == column) is { } key ? key.Get(folder.Config)
        : "";

    private static double Number(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out string? text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v : double.NaN;

    /// <summary>One result folder, as read for a diff.</summary>
    private sealed record Folder(string Path, ExperimentConfig Config, IReadOnlyList<string> Header, IReadOnlyList<string> KeyColumns,
        IReadOnlyList<Dictionary<string, string>> Summary)
    {
        public static Folder Read(string path)
        {
            if (!Directory.Exists(path)) throw new ConfigException($"diff: '{path}' is not a folder; give two result folders written by compare, run or merge.");
            string[] files = [ResultFolder.ConfigFile, ResultFolder.RunsFile, ResultFolder.SummaryFile];
            if (files.FirstOrDefault(f => !File.Exists(System.IO.Path.Combine(path, f))) is { } missing)
                throw new ConfigException($"diff: '{path}' is not a result folder (no {missing}); give folders written by compare, run or merge.");
            var config = ConfigReader.ReadFile(System.IO.Path.Combine(path, ResultFolder.ConfigFile));
            string summaryPath = System.IO.Path.Combine(path, ResultFolder.SummaryFile);
            var header = (File.ReadLines(summaryPath).FirstOrDefault() ?? "").Split(',').ToList();
            // summary.csv starts with the key columns; the statistics start at "seeds".
            int seeds = header.IndexOf("seeds");
            if (seeds < 1) throw new ConfigException($"diff: {summaryPath} has no key columns before 'seeds'; is this an ActRun result folder?");
            try
            {
                return new Folder(path, config, header, header.Take(seeds).ToList(), CsvTable.Read(summaryPath));
            }
            catch (CsvHelper.CsvHelperException e)
            {
                throw new ConfigException($"diff: {summaryPath} cannot be read ({e.GetType().Name}).", e);
            }
        }

        /// <summary>
        /// Per variant key (<paramref name="keyColumns"/>), the final-epoch test accuracy of each seed whose run finished
        /// every epoch (status ok in runs.csv), from metrics.csv.
        /// </summary>
        public Dictionary<string, Dictionary<string, double>> FinalAccuracyBySeed(IReadOnlyList<string> keyColumns)
        {
            var result = new Dictionary<string, Dictionary<string, double>>();
            string metricsPath = System.IO.Path.Combine(Path, ResultFolder.MetricsFile);
            if (!File.Exists(metricsPath)) return result;
            try
            {
                var finished = CsvTable.Read(System.IO.Path.Combine(Path, ResultFolder.RunsFile))
                    .Where(r => r.GetValueOrDefault("status") == "ok").Select(r => r.GetValueOrDefault("run_id", "")).ToHashSet();
                var last = new Dictionary<string, (double Epoch, string Key, string Seed, double Accuracy)>();
                foreach (var row in CsvTable.Read(metricsPath, wholeLinesOnly: true))
                {
                    string id = row.GetValueOrDefault("run_id", "");
                    if (!finished.Contains(id)) continue;
                    double epoch = Number(row, "epoch");
                    if (last.TryGetValue(id, out var seen) && seen.Epoch >= epoch) continue;
                    last[id] = (epoch, Key(this, row, keyColumns), row.GetValueOrDefault("seed", ""), Number(row, "test_accuracy"));
                }
                foreach (var (_, (_, key, seed, accuracy)) in last)
                {
                    if (!result.TryGetValue(key, out var bySeed)) result[key] = bySeed = [];
                    bySeed[seed] = accuracy;
                }
                return result;
            }
            catch (CsvHelper.CsvHelperException e)
            {
                throw new ConfigException($"diff: {metricsPath} cannot be read ({e.GetType().Name}).", e);
            }
        }
    }
}
