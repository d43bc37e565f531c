using System.Globalization;
using System.Reflection;
using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>
/// One row of runs.csv, the index of a result folder: which run (id, variant, seed), how it ended, when, and
/// with which ActRun build. Status is ok, diverged, cancelled, or running for a run that was cut off.
/// </summary>
public sealed record RunRecord(
    string RunId, string Status, int Epochs, DateTime? Started, DateTime? Finished, string Version, string? Commit)
{
    public const string Running = "running";

    /// <summary>
    /// Whether a run needs no re-run by its index row alone: it ended by itself (all epochs, or diverged) rather than being
    /// cut off. A run that early stopping ended needs its epochs to tell (<see cref="StoredRun.IsComplete"/>).
    /// </summary>
    public bool Completed(PlannedRun run) =>
        Status == "diverged" || (Status == "ok" && Epochs == run.Settings.Train.Epochs);

    public static string StatusText(RunStatus status) => status.ToString().ToLowerInvariant();

    /// <summary>ActRun's version and the git commit it was built from, when the build knew it ("0.1.0+abc…").</summary>
    public static (string Version, string? Commit) Build { get; } = ReadBuild();

    private static (string, string?) ReadBuild()
    {
        string text = typeof(RunRecord).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = text.IndexOf('+');
        return plus < 0 ? (text, null) : (text[..plus], text[(plus + 1)..]);
    }

    public static string Time(DateTime? t) => t?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture) ?? "";

    public static DateTime? ParseTime(string text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t : null;
}

/// <summary>A run's index row with its epochs: what a result folder holds for one run.</summary>
public sealed record StoredRun(RunRecord Record, IReadOnlyList<EpochMetrics> Epochs)
{
    /// <summary>
    /// Whether the folder holds the run finished, with the one row per epoch that its index row counts: rows lost
    /// or doubled by hand (or by a damaged file) make the run train again rather than be trusted. A run that early
    /// stopping ended is complete when the rule, replayed on its stored validation numbers, stops it at its last epoch.
    /// </summary>
    public bool IsComplete(PlannedRun run) =>
        (Record.Completed(run) || (Record.Status == "ok" && ToResult(run).Finished))
        && Epochs.Count == Record.Epochs && Epochs.Select((e, i) => e.Epoch == i + 1).All(ok => ok);

    public RunResult ToResult(PlannedRun run) => new(run.Settings, Epochs, Record.Status switch
    {
        "ok" => RunStatus.Ok,
        "diverged" => RunStatus.Diverged,
        _ => RunStatus.Cancelled,
    });
}
