using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>
/// The files of one result folder: config.yaml (the resolved experiment), runs.csv (the index of runs),
/// metrics.csv (one row per run and epoch) and summary.csv (one row per variant). Each is written whole (a
/// temporary file renamed into place), except that while an experiment runs, metrics.csv grows a row per epoch
/// and layers.csv and regions.csv the rows of each finished run (<see cref="RowAppender"/>). runs.csv and
/// metrics.csv together are also what <c>--resume</c> and <c>merge</c> read back.
/// </summary>
public static class ResultFolder
{
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.csv";
    public const string ConfigFile = "config.yaml";
    public const string RunsFile = "runs.csv";
    public const string LayersFile = "layers.csv";
    public const string RegionsFile = "regions.csv";
    public const string PointsFile = "points.csv";
    public const string ReportFile = "report.md";
    public const string BaselinesFile = "baselines.csv";
    public const string ModelsFolder = "models";
    /// <summary>A tuned experiment's search: one trial per row (<see cref="Experiments.TuningRunner"/>).</summary>
    public const string TrialsFile = "trials.csv";
    /// <summary>A tuned experiment's search rounds, each a result folder of its own (trials/round-1, ...).</summary>
    public const string TrialsFolder = "trials";
    /// <summary>The file name ending of a saved model, models/&lt;run_id&gt;.actrun-model.</summary>
    public const string ModelExtension = ".actrun-model";

    private static readonly string[] EpochColumns =
        ["epoch", "learning_rate", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "test_loss", "test_accuracy", "epoch_seconds"];

    /// <summary>
    /// The columns every per-run file starts with, so that the files join on run_id and filter alike: run_id, the
    /// plan's key columns (<see cref="ExperimentPlan.KeyColumns"/>, the same as summary.csv's), then seed.
    /// </summary>
    public static IReadOnlyList<string> RunColumns(ExperimentPlan plan) => ["run_id", .. plan.KeyColumns, "seed"];

    /// <summary>A run's values under <see cref="RunColumns"/>.</summary>
    public static IReadOnlyList<object?> RunFields(PlannedRun run) => [run.RunId, .. run.Variant.Keys.Select(k => (object?)k.Value), run.Seed];

    /// <summary>A new folder under results/ named by time and name (never an existing one).</summary>
    public static string NewDefaultPath(string name, DateTime now)
    {
        string safe = string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        string basePath = Path.Combine("results", $"{now:yyyyMMdd-HHmmss}-{safe}");
        string path = basePath;
        for (int i = 2; Directory.Exists(path); i++) path = $"{basePath}-{i}";
        return path;
    }

    /// <summary>Creates the folder, or checks an existing one is a folder we may write into.</summary>
    public static void Prepare(string path)
    {
        CheckUsable(path);
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"--out '{path}': cannot create the folder ({e.Message}).", e);
        }
        AtomicFile.RemoveLeftovers(path);
    }

    /// <summary>
    /// Checks, before any work, that a result folder can be written at <paramref name="path"/>: it is not a file, and
    /// the folder (or the nearest one above it that exists) takes files. Leaves nothing behind.
    /// </summary>
    public static void CheckUsable(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigException("--out is empty; give a folder path.");
        if (File.Exists(path)) throw new ConfigException($"--out '{path}' is a file; give a folder path.");
        string? existing = Path.GetFullPath(path);
        while (existing is not null && !Directory.Exists(existing))
        {
            if (File.Exists(existing)) throw new ConfigException($"--out '{path}': cannot create the folder, as '{existing}' is a file.");
            existing = Path.GetDirectoryName(existing);
        }
        if (existing is null) return;
        string probe = Path.Combine(existing, $".actrun-write-test.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}");
        try
        {
            File.WriteAllBytes(probe, []);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"--out '{path}': cannot write into '{existing}' ({e.Message}); choose a folder you may write to.", e);
        }
    }

    public static bool HasResults(string folder) => File.Exists(Path.Combine(folder, RunsFile));

    /// <summary>The plots a result folder may hold (drawn by the CLI from the CSV files): fixed names and regions_LABEL.png.</summary>
    private static readonly string[] PlotFiles =
        [
            "accuracy.png", "loss.png", "train_loss.png", "val_accuracy.png", "final_accuracy.png", "gradient_norms.png", "rmse.png", "final_r2.png",
            "activations.png", "layer_mean.png", "layer_std.png", "layer_saturation.png", "layer_input_percentiles.png", "depth_accuracy.png", "depth_r2.png",
            RegionsGridFile, CriticalDifferenceFile,
        ];

    /// <summary>The critical-difference diagram of an experiment over several datasets.</summary>
    public const string CriticalDifferenceFile = "critical_difference.png";

    /// <summary>The decision regions of every variant side by side.</summary>
    public const string RegionsGridFile = "regions.png";

    /// <summary>
    /// The decision-region plot of each variant, in the order given: <c>regions_</c>, the label made file-safe, <c>.png</c>.
    /// The label is lower-cased; every run of characters other than a-z, 0-9, '.' and '-' becomes one '_'; '_' and '.'
    /// are trimmed from both ends; it is cut at 60 characters ("variant" when nothing is left). A label whose name is
    /// taken by an earlier one gets _2, _3, … So relu → regions_relu.png, leaky_relu(alpha=0.1) →
    /// regions_leaky_relu_alpha_0.1.png, "activation=relu lr=0.02" → regions_activation_relu_lr_0.02.png.
    /// </summary>
    public static IReadOnlyList<string> RegionsFiles(IReadOnlyList<string> labels)
    {
        var taken = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        foreach (string label in labels)
        {
            string stem = FileSafe(label), name = stem;
            for (int n = 2; !taken.Add(name); n++) name = $"{stem}_{n.ToString(CultureInfo.InvariantCulture)}";
            files.Add($"regions_{name}.png");
        }
        return files;
    }

    private static bool IsFileSafe(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '-';

    private static string FileSafe(string label)
    {
        var text = new System.Text.StringBuilder();
        foreach (char c in label.ToLowerInvariant())
        {
            if (IsFileSafe(c)) text.Append(c);
            else if (text.Length > 0 && text[^1] != '_') text.Append('_');
        }
        string safe = text.ToString().Trim('_', '.');
        if (safe.Length > 60) safe = safe[..60].TrimEnd('_', '.');
        return safe.Length == 0 ? "variant" : safe;
    }

    private static readonly string[] DataFiles =
        [ConfigFile, RunsFile, MetricsFile, SummaryFile, LayersFile, RegionsFile, PointsFile, BaselinesFile, ReportFile, TrialsFile];

    /// <summary>Whether ActRun writes a file of this name into a result folder (the lock files aside).</summary>
    public static bool IsResultFile(string name) =>
        DataFiles.Contains(name) || PlotFiles.Contains(name) ||
        (name.StartsWith("regions_", StringComparison.Ordinal) && name.EndsWith(".png", StringComparison.Ordinal) &&
         name.Length > "regions_.png".Length && name["regions_".Length..^".png".Length].All(c => IsFileSafe(c) || c == '_'));

    /// <summary>
    /// The files (and models/ folder) in <paramref name="folder"/> that ActRun writes as results: the CSV files,
    /// config.yaml, report.md, the plots and the saved models. Anything else in the folder is not ActRun's; the lock
    /// files are not results. Empty when the folder does not exist.
    /// </summary>
    public static IReadOnlyList<string> ResultEntries(string folder)
    {
        if (!Directory.Exists(folder)) return [];
        var entries = Directory.EnumerateFiles(folder).Where(f => IsResultFile(Path.GetFileName(f))).Order(StringComparer.Ordinal).ToList();
        string models = Path.Combine(folder, ModelsFolder);
        if (Directory.Exists(models) && Directory.EnumerateFiles(models, "*" + ModelExtension).Any()) entries.Add(models);
        string trials = Path.Combine(folder, TrialsFolder);
        if (Directory.Exists(trials) && Directory.EnumerateDirectories(trials).Any(round => ResultEntries(round).Count > 0)) entries.Add(trials);
        return entries;
    }

    /// <summary>
    /// Removes what earlier results wrote into <paramref name="folder"/> (<see cref="ResultEntries"/>): the result files,
    /// the model files in models/ (the folder too once empty) and the temporary files of processes that are gone.
    /// Files ActRun does not write are left where they are. The caller holds the folder's lock.
    /// </summary>
    public static void RemoveResults(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string file in Directory.EnumerateFiles(folder).Where(f => IsResultFile(Path.GetFileName(f))).ToList()) File.Delete(file);
        string models = Path.Combine(folder, ModelsFolder);
        if (Directory.Exists(models))
        {
            foreach (string file in Directory.EnumerateFiles(models, "*" + ModelExtension).ToList()) File.Delete(file);
            AtomicFile.RemoveLeftovers(models);
            if (!Directory.EnumerateFileSystemEntries(models).Any()) Directory.Delete(models);
        }
        string trials = Path.Combine(folder, TrialsFolder);
        if (Directory.Exists(trials))
        {
            foreach (string round in Directory.EnumerateDirectories(trials).ToList())
            {
                RemoveResults(round);
                if (!Directory.EnumerateFileSystemEntries(round).Any()) Directory.Delete(round);
            }
            if (!Directory.EnumerateFileSystemEntries(trials).Any()) Directory.Delete(trials);
        }
        AtomicFile.RemoveLeftovers(folder);
    }

    public static void WriteConfig(string folder, ExperimentConfig config) =>
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), ConfigYaml.Serialize(config));

    /// <summary>runs.csv: one row per run that has started, in plan order.</summary>
    public static void WriteRuns(string folder, ExperimentPlan plan, IReadOnlyDictionary<string, RunRecord> records)
    {
        string[] header = [.. RunColumns(plan), "seed_index", "status", "epochs", "started", "finished", "actrun_version", "git_commit", "settings"];
        var rows = plan.Runs.Where(r => records.ContainsKey(r.RunId)).Select(run =>
        {
            var rec = records[run.RunId];
            return (IReadOnlyList<object?>)[
                .. RunFields(run), run.SeedIndex, rec.Status, rec.Epochs,
                RunRecord.Time(rec.Started), RunRecord.Time(rec.Finished), rec.Version, rec.Commit, run.SettingsLine];
        });
        CsvTable.Write(Path.Combine(folder, RunsFile), header, rows);
    }

    /// <summary>metrics.csv: one row per run and epoch, in plan order: the run's columns, then the epoch's numbers.</summary>
    public static void WriteMetrics(string folder, ExperimentPlan plan, IReadOnlyDictionary<string, StoredRun> runs) =>
        CsvTable.Write(Path.Combine(folder, MetricsFile), MetricsHeader(plan),
            plan.Runs.Where(r => runs.ContainsKey(r.RunId)).SelectMany(run => MetricsRows(plan, run, runs[run.RunId].Epochs)));

    /// <summary>The columns of metrics.csv: the run's, the epoch's, then test_rmse, test_mae and test_r2 when the plan has a regression task.</summary>
    public static IReadOnlyList<string> MetricsHeader(ExperimentPlan plan) =>
        [.. RunColumns(plan), .. EpochColumns, .. HasRegression(plan) ? RegressionColumns : []];

    /// <summary>A run's rows of metrics.csv, under <see cref="MetricsHeader"/> (regression scores empty for a classification run; validation scores empty without validation, val_accuracy for a regression).</summary>
    public static IEnumerable<IReadOnlyList<object?>> MetricsRows(ExperimentPlan plan, PlannedRun run, IEnumerable<EpochMetrics> epochs)
    {
        bool regression = HasRegression(plan);
        return epochs.Select(e => (IReadOnlyList<object?>)[
            .. RunFields(run), e.Epoch, Score(e.LearningRate), e.TrainLoss, e.TrainAccuracy, Score(e.ValLoss), Score(e.ValAccuracy),
            e.TestLoss, e.TestAccuracy, e.EpochSeconds,
            .. regression ? [Score(e.TestRmse), Score(e.TestMae), Score(e.TestR2)] : Array.Empty<object?>()]);
    }

    private static readonly string[] RegressionColumns = ["test_rmse", "test_mae", "test_r2"];

    private static object? Score(double value) => double.IsNaN(value) ? null : value;

    /// <summary>Whether any dataset of the plan is a regression task (CSV data with task regression).</summary>
    public static bool HasRegression(ExperimentPlan plan) =>
        plan.Runs.Any(r => r.Data.Spec.Kind == DatasetKind.Csv && r.Data.Spec.ToCsvOptions().Task == TaskKind.Regression);

    /// <summary>layers.csv: per-layer diagnostics of every run with any, in plan order (no file without any).</summary>
    public static void WriteLayers(string folder, ExperimentPlan plan, IReadOnlyDictionary<string, IReadOnlyList<LayerRecord>> layers) =>
        WriteByRun(Path.Combine(folder, LayersFile), plan, layers);

    /// <summary>regions.csv: the decision regions of the runs that recorded them, in plan order (no file without any).</summary>
    public static void WriteRegions(string folder, ExperimentPlan plan, IReadOnlyDictionary<string, IReadOnlyList<RegionRecord>> regions) =>
        WriteByRun(Path.Combine(folder, RegionsFile), plan, regions);

    private static void WriteByRun<T>(string path, ExperimentPlan plan, IReadOnlyDictionary<string, IReadOnlyList<T>> rows)
    {
        // An old file would otherwise keep the rows of runs that are not there any more.
        if (rows.Count == 0) File.Delete(path);
        else CsvTable.Write(path, RecordsHeader<T>(plan), plan.Runs.Where(r => rows.ContainsKey(r.RunId)).SelectMany(r => RecordRows(r, rows[r.RunId])));
    }

    /// <summary>
    /// The header of a per-run file of <typeparamref name="T"/> records (layers.csv, regions.csv): <see cref="RunColumns"/>,
    /// then the record's own columns (its CSV columns that are not run columns: epoch, layer, … or x1, x2, p).
    /// </summary>
    public static IReadOnlyList<string> RecordsHeader<T>(ExperimentPlan plan) => [.. RunColumns(plan), .. OwnColumns<T>(plan).Select(c => c.Name)];

    /// <summary>A run's records as rows under <see cref="RecordsHeader{T}"/>.</summary>
    public static IEnumerable<IReadOnlyList<object?>> RecordRows<T>(PlannedRun run, IEnumerable<T> records)
    {
        var own = OwnColumns<T>(run.Variant.Keys.Select(k => k.Column));
        return records.Select(r => (IReadOnlyList<object?>)[.. RunFields(run), .. own.Select(c => c.Value(r))]);
    }

    private static IReadOnlyList<(string Name, Func<T, object?> Value)> OwnColumns<T>(ExperimentPlan plan) => OwnColumns<T>(plan.KeyColumns);

    // The record carries run_id and seed for reading the file back; the run's columns come first instead.
    private static IReadOnlyList<(string Name, Func<T, object?> Value)> OwnColumns<T>(IEnumerable<string> keyColumns)
    {
        var run = keyColumns.Concat(["run_id", "seed"]).ToHashSet();
        return CsvFiles.Columns<T>().Where(c => !run.Contains(c.Name)).ToList();
    }

    /// <summary>Rows of a per-run diagnostics file already in a folder (for --resume), by run id; none when absent.</summary>
    public static Dictionary<string, IReadOnlyList<T>> LoadByRun<T>(string folder, string file, Func<T, string> runId)
    {
        string path = Path.Combine(folder, file);
        if (!File.Exists(path)) return [];
        try
        {
            return CsvFiles.Read<T>(path, wholeLinesOnly: true).GroupBy(runId).ToDictionary(g => g.Key, g => (IReadOnlyList<T>)g.ToList());
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new ConfigException($"{path}: cannot be read ({e.GetType().Name}); delete it to record it again.", e);
        }
    }

    /// <summary>
    /// summary.csv from the runs of the plan that have results, then one row per baseline result in the folder's
    /// baselines.csv (when the config asks for a baseline); expected/within_expected when the config has ranges.
    /// </summary>
    public static IReadOnlyList<SummaryRecord> WriteSummary(string folder, ExperimentPlan plan, IReadOnlyDictionary<string, StoredRun> runs)
    {
        var summary = Summary.ByVariant(plan, plan.Runs.Where(r => runs.ContainsKey(r.RunId)).Select(r => (r, runs[r.RunId].ToResult(r))).ToList())
            .Concat(LoadBaselines(folder, plan).Select(b => Summary.ForBaseline(plan, b))).ToList();
        WriteSummary(folder, plan, summary);
        return summary;
    }

    /// <summary>baselines.csv: one row per baseline and dataset.</summary>
    public static void WriteBaselines(string folder, IReadOnlyList<BaselineRecord> records) =>
        CsvFiles.Write(Path.Combine(folder, BaselinesFile), records);

    /// <summary>The rows of baselines.csv that belong to this plan (its baseline, its datasets), in file order; none when absent.</summary>
    public static IReadOnlyList<BaselineRecord> LoadBaselines(string folder, ExperimentPlan plan)
    {
        string path = Path.Combine(folder, BaselinesFile);
        if (plan.Config.Baseline is null || !File.Exists(path)) return [];
        var keys = plan.Runs.Select(r => r.Data.Key).ToHashSet();
        try
        {
            return CsvFiles.Read<BaselineRecord>(path).Where(b => keys.Contains(b.Dataset)).ToList();
        }
        catch (CsvHelper.CsvHelperException e)
        {
            throw new ConfigException($"{path}: cannot be read ({e.GetType().Name}); delete it to train the baseline again.", e);
        }
    }

    public static void WriteSummary(string folder, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary) =>
        AtomicFile.Write(Path.Combine(folder, SummaryFile), stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            WriteSummaryCsv(writer, plan, summary);
        });

    /// <summary>The summary as CSV (the same text as summary.csv): for the file and for <c>--format csv</c>.</summary>
    public static void WriteSummaryCsv(TextWriter output, ExperimentPlan plan, IReadOnlyList<SummaryRecord> summary)
    {
        bool expectations = plan.Config.Expect.Count > 0;
        var template = summary.Count > 0 ? summary[0] : new SummaryRecord { SweepValues = plan.KeyColumns.Skip(1).Select(c => (c, "")).ToList() };
        var header = template.Fields(expectations).Select(f => f.Column).ToList();
        CsvTable.WriteTo(output, header, summary.Select(row => (IReadOnlyList<object?>)row.Fields(expectations).Select(f => f.Value).ToList()));
    }

    /// <summary>
    /// What a folder holds, by run id: each run's index row and its epochs. Rows of runs.csv or metrics.csv that do
    /// not parse are a <see cref="ConfigException"/> naming the file and row.
    /// </summary>
    public static Dictionary<string, StoredRun> Load(string folder)
    {
        var result = new Dictionary<string, StoredRun>();
        string runsPath = Path.Combine(folder, RunsFile), metricsPath = Path.Combine(folder, MetricsFile);
        if (!File.Exists(runsPath)) return result;
        var epochs = new Dictionary<string, List<EpochMetrics>>();
        if (File.Exists(metricsPath))
        {
            int line = 1;
            // Rows are appended as epochs complete: a kill can leave the last line cut short, and it is dropped.
            foreach (var row in CsvTable.Read(metricsPath, wholeLinesOnly: true))
            {
                line++;
                string id = Field(row, "run_id", metricsPath, line);
                if (!epochs.TryGetValue(id, out var list)) epochs[id] = list = [];
                list.Add(new EpochMetrics(
                    (int)Number(row, "epoch", metricsPath, line), Number(row, "train_loss", metricsPath, line), Number(row, "train_accuracy", metricsPath, line),
                    Number(row, "test_loss", metricsPath, line), Number(row, "test_accuracy", metricsPath, line), Number(row, "epoch_seconds", metricsPath, line))
                {
                    // Absent before ActRun recorded them; empty without validation, and for classification.
                    ValLoss = Optional(row, "val_loss", metricsPath, line), ValAccuracy = Optional(row, "val_accuracy", metricsPath, line),
                    TestRmse = Optional(row, "test_rmse", metricsPath, line), TestMae = Optional(row, "test_mae", metricsPath, line),
                    TestR2 = Optional(row, "test_r2", metricsPath, line), LearningRate = Optional(row, "learning_rate", metricsPath, line),
                });
            }
        }
        int runLine = 1;
        foreach (var row in CsvTable.Read(runsPath))
        {
            runLine++;
            string id = Field(row, "run_id", runsPath, runLine);
            var record = new RunRecord(id, Field(row, "status", runsPath, runLine), (int)Number(row, "epochs", runsPath, runLine),
                RunRecord.ParseTime(row.GetValueOrDefault("started", "")), RunRecord.ParseTime(row.GetValueOrDefault("finished", "")),
                row.GetValueOrDefault("actrun_version", ""), row.GetValueOrDefault("git_commit") is { Length: > 0 } c ? c : null);
            result[id] = new StoredRun(record, epochs.GetValueOrDefault(id) ?? []);
        }
        return result;
    }

    private static string Field(Dictionary<string, string> row, string column, string file, int line) =>
        row.TryGetValue(column, out string? v) ? v : throw new ConfigException($"{file}: line {line}: no '{column}' column; is this an ActRun result folder?");

    private static double Optional(Dictionary<string, string> row, string column, string file, int line) =>
        row.ContainsKey(column) ? Number(row, column, file, line) : double.NaN;

    private static double Number(Dictionary<string, string> row, string column, string file, int line)
    {
        string text = Field(row, column, file, line);
        if (text.Length == 0) return double.NaN;
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new ConfigException($"{file}: line {line}: '{column}' is '{text}', not a number.");
    }
}
