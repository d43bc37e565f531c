using System.Globalization;
using ActRun.Core.Experiments;

namespace ActRun.Core.Results;

/// <summary>
/// Compares a summary row with the config's <c>expect:</c> ranges for its variant: fills <c>expected</c>
/// (<c>test_accuracy in [0.96, 1]</c>) and <c>within_expected</c> (every range holds). An incomplete variant (some
/// of its runs cancelled) is not compared: its means are over fewer runs than the ranges were set for, so
/// <c>within_expected</c> stays empty and the check reports it as incomplete, never as outside.
/// </summary>
public static class Expectations
{
    public static void Apply(ExperimentConfig config, Variant variant, SummaryRecord row)
    {
        var ranges = config.Expect.Where(e => variant.Matches(e.Key)).SelectMany(e => e.Value).ToList();
        if (ranges.Count == 0) return;
        row.Expected = string.Join("; ", ranges.Select(r => $"{r.Key} in [{F(r.Value[0])}, {F(r.Value[1])}]"));
        row.WithinExpected = row.Incomplete ? null : ranges.All(r => Value(row, r.Key) is var v && v >= r.Value[0] && v <= r.Value[1]);
    }

    /// <summary>One line per range that a row misses: <c>relu: test_accuracy 0.91 is outside [0.96, 1]</c>.</summary>
    public static IEnumerable<string> Misses(ExperimentConfig config, IReadOnlyList<SummaryRecord> rows) =>
        from row in rows
        where row.WithinExpected == false
        from range in config.Expect.Where(e => MatchesLabel(row, e.Key)).SelectMany(e => e.Value)
        let v = Value(row, range.Key)
        where !(v >= range.Value[0] && v <= range.Value[1])
        select $"{row.Label}: {range.Key} {F(v)} is outside the expected [{F(range.Value[0])}, {F(range.Value[1])}]";

    /// <summary>One line per incomplete row that has expected ranges: <c>relu: INCOMPLETE, 1/3 runs finished (2 cancelled); expected test_accuracy in [0.96, 1] not checked</c>.</summary>
    public static IEnumerable<string> Incomplete(IReadOnlyList<SummaryRecord> rows) =>
        from row in rows
        where row.Incomplete && row.Expected is not null
        select $"{row.Label}: INCOMPLETE, {row.RunsFinished}/{row.Seeds} runs finished ({row.RunsCancelled} cancelled); expected {row.Expected} not checked";

    private static bool MatchesLabel(SummaryRecord row, string label) =>
        row.Expected is not null && new Variant(0, row.SweepValues.Select(v => new SweptValue(v.Column, v.Column, v.Value)).ToList(), row.Activation).Matches(label);

    private static double Value(SummaryRecord row, string metric) => metric switch
    {
        "test_accuracy" => row.TestAccuracy,
        "test_loss" => row.TestLoss,
        "train_accuracy" => row.TrainAccuracy,
        "train_loss" => row.TrainLoss,
        "val_accuracy" => row.ValAccuracy ?? double.NaN,
        "val_loss" => row.ValLoss ?? double.NaN,
        // Counts, so that an experiment can expect runs to diverge (a variant whose every run diverges has no means).
        "runs_finished" => row.RunsFinished,
        "runs_diverged" => row.RunsDiverged,
        _ => double.NaN,
    };

    private static string F(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
}
