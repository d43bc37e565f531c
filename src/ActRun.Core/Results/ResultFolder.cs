using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>The files of one result folder: metrics.csv, summary.csv and config.yaml, each written whole.</summary>
public static class ResultFolder
{
    public const string MetricsFile = "metrics.csv";
    public const string SummaryFile = "summary.csv";
    public const string ConfigFile = "config.yaml";

    /// <summary>A new folder under results/ named by time and dataset (never an existing one).</summary>
    public static string NewDefaultPath(string dataset, DateTime now)
    {
        string safe = string.Concat(dataset.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_'));
        string basePath = Path.Combine("results", $"{now:yyyyMMdd-HHmmss}-{safe}");
        string path = basePath;
        for (int i = 2; Directory.Exists(path); i++) path = $"{basePath}-{i}";
        return path;
    }

    /// <summary>Creates the folder, or checks an existing one is a folder we may write into.</summary>
    public static void Prepare(string path)
    {
        if (File.Exists(path)) throw new ConfigException($"--out '{path}' is a file; give a folder path.");
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"--out '{path}': cannot create the folder ({e.Message}).", e);
        }
    }

    public static IReadOnlyList<SummaryRecord> Write(string folder, ExperimentConfig config, IReadOnlyList<RunResult> runs)
    {
        var summary = Summary.ByActivation(runs).ToList();
        CsvFiles.Write(Path.Combine(folder, MetricsFile), Summary.Metrics(runs));
        CsvFiles.Write(Path.Combine(folder, SummaryFile), summary);
        AtomicFile.WriteText(Path.Combine(folder, ConfigFile), ConfigYaml.Serialize(config));
        return summary;
    }
}
