using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Results;

/// <summary>
/// A summary over seeds that finished, diverged and were cancelled: the counts, and means over the finished runs only.
/// </summary>
public class SummaryTests
{
    // Three variants of 3 seeds and 3 epochs; relu and tanh have expected ranges that every finished number meets.
    private static readonly ExperimentPlan Plan = ExperimentPlan.Create(ConfigReader.Parse("""
        dataset: circles
        train: {epochs: 3}
        seeds: 3
        sweep:
          model.activation: [relu, tanh, sigmoid]
        expect:
          relu: {test_accuracy: [0.5, 1]}
          tanh: {test_accuracy: [0.5, 1]}
        """, "exp.yaml"));

    /// <summary>A run's epochs 1..n with test accuracy <paramref name="accuracy"/> + epoch / 100 (so epochs are told apart).</summary>
    private static RunResult Result(PlannedRun run, RunStatus status, int epochs, double accuracy) =>
        new(run.Settings, Enumerable.Range(1, epochs).Select(e => new EpochMetrics(e, 1.0 / e, accuracy, 2.0 / e + accuracy, accuracy + e / 100.0, 0.5)).ToList(), status);

    private static PlannedRun Run(string activation, int seedIndex) =>
        Plan.Runs.Single(r => r.Variant.Activation == activation && r.SeedIndex == seedIndex);

    /// <summary>
    /// relu: two seeds finished, the third cancelled after epoch 1 with a far-off accuracy. tanh: one finished, one
    /// diverged in epoch 2, one never started. sigmoid: not run at all (interrupted before it started).
    /// </summary>
    private static IReadOnlyList<SummaryRecord> Mixed() => Summary.ByVariant(Plan,
    [
        (Run("relu", 0), Result(Run("relu", 0), RunStatus.Ok, 3, 0.90)),
        (Run("relu", 1), Result(Run("relu", 1), RunStatus.Ok, 3, 0.80)),
        (Run("relu", 2), Result(Run("relu", 2), RunStatus.Cancelled, 1, 0.10)),
        (Run("tanh", 0), Result(Run("tanh", 0), RunStatus.Ok, 3, 0.70)),
        (Run("tanh", 1), Result(Run("tanh", 1), RunStatus.Diverged, 2, 0.20)),
    ]);

    [Fact]
    public void Each_variant_counts_its_finished_diverged_and_cancelled_runs()
    {
        var rows = Mixed();

        Assert.Equal(["relu", "tanh", "sigmoid"], rows.Select(r => r.Activation));
        Assert.Equal([(3, 2, 0, 1), (3, 1, 1, 1), (3, 0, 0, 3)], rows.Select(r => (r.Seeds, r.RunsFinished, r.RunsDiverged, r.RunsCancelled)));
        Assert.Equal(["incomplete: 1/3 runs cancelled", "incomplete: 1/3 runs cancelled; diverged: 1/3 runs at epoch 2", "incomplete: 3/3 runs cancelled"],
            rows.Select(r => r.Status));
        Assert.All(rows, r => Assert.True(r.Incomplete));
    }

    [Fact]
    public void Means_and_intervals_are_over_the_runs_that_finished_every_epoch_only()
    {
        var rows = Mixed();
        var relu = rows[0];
        var tanh = rows[1];

        // relu: seeds 0 and 1 at epoch 3 (0.93 and 0.83); the cancelled seed's epoch 1 (0.11) is left out.
        Assert.Equal(2, relu.N);
        Assert.Equal(3, relu.Epochs);
        Assert.Equal((0.93 + 0.83) / 2, relu.TestAccuracy, 12);
        Assert.Equal(0.83, relu.TestAccuracyMin, 12);
        Assert.Equal(0.93, relu.TestAccuracyMax, 12);
        Assert.Equal(Math.Sqrt(2 * 0.05 * 0.05), relu.TestAccuracyStd!.Value, 12);
        Assert.NotNull(relu.TestAccuracyCi95Low);
        Assert.Equal(1.5, relu.TrainSeconds, 12); // 3 epochs of 0.5 s; with the cancelled run it would be 1.17
        // Without validation nothing is chosen by epoch: no best epoch, and the numbers are the final epoch's.
        Assert.Null(relu.BestEpoch);
        Assert.Null(relu.ValAccuracy);
        Assert.Equal(3, relu.EpochsTrained, 12);
        // tanh: only seed 0; the diverged seed's epoch 2 does not mix in, and one run has no spread or interval.
        Assert.Equal(1, tanh.N);
        Assert.Equal(0.73, tanh.TestAccuracy, 12);
        Assert.Null(tanh.TestAccuracyStd);
        Assert.Null(tanh.TestAccuracyCi95Low);
        // sigmoid ran nothing: counts, no statistics.
        Assert.Equal(0, rows[2].N);
        Assert.True(double.IsNaN(rows[2].TestAccuracy));
    }

    [Fact]
    public void A_variant_whose_runs_all_finished_is_ok_and_means_all_of_them()
    {
        var rows = Summary.ByVariant(Plan, [.. Enumerable.Range(0, 3).Select(s => (Run("relu", s), Result(Run("relu", s), RunStatus.Ok, 3, 0.9 - s / 10.0)))]);

        var relu = rows[0];
        Assert.Equal(("ok", 3, 3, 0, 0), (relu.Status, relu.N, relu.RunsFinished, relu.RunsDiverged, relu.RunsCancelled));
        Assert.Equal(0.83, relu.TestAccuracy, 12);
        Assert.True(relu.WithinExpected);
    }

    [Fact]
    public void A_diverged_seed_is_counted_with_its_epoch_and_left_out_of_the_means()
    {
        var rows = Summary.ByVariant(Plan,
        [
            (Run("relu", 0), Result(Run("relu", 0), RunStatus.Ok, 3, 0.9)),
            (Run("relu", 1), Result(Run("relu", 1), RunStatus.Diverged, 1, 0.1)),
            (Run("relu", 2), Result(Run("relu", 2), RunStatus.Diverged, 3, 0.1)),
        ]);

        var relu = rows[0];
        Assert.Equal("diverged: 2/3 runs at epochs 1,3", relu.Status);
        Assert.Equal((1, 2, 0), (relu.RunsFinished, relu.RunsDiverged, relu.RunsCancelled));
        Assert.Equal(0.93, relu.TestAccuracy, 12);
        Assert.False(relu.Incomplete);
    }

    [Fact]
    public void An_incomplete_variant_is_reported_as_incomplete_never_as_outside_its_range()
    {
        var rows = Mixed();

        // relu's mean (0.88) is inside [0.5, 1] and tanh's too, but neither is checked: they are incomplete.
        Assert.All(rows.Take(2), r => Assert.Null(r.WithinExpected));
        Assert.All(rows.Take(2), r => Assert.Equal("test_accuracy in [0.5, 1]", r.Expected));
        Assert.Empty(Expectations.Misses(Plan.Config, rows));
        Assert.Equal(
        [
            "relu: INCOMPLETE, 2/3 runs finished (1 cancelled); expected test_accuracy in [0.5, 1] not checked",
            "tanh: INCOMPLETE, 1/3 runs finished (1 cancelled); expected test_accuracy in [0.5, 1] not checked",
        ], Expectations.Incomplete(rows));
    }

    [Fact]
    public void A_complete_variant_outside_its_range_is_a_miss_not_incomplete()
    {
        var rows = Summary.ByVariant(Plan, [.. Enumerable.Range(0, 3).Select(s => (Run("relu", s), Result(Run("relu", s), RunStatus.Ok, 3, 0.1)))]);

        Assert.False(rows[0].WithinExpected);
        Assert.Equal(["relu: test_accuracy 0.13 is outside the expected [0.5, 1]"], Expectations.Misses(Plan.Config, rows));
        Assert.DoesNotContain(Expectations.Incomplete(rows), line => line.StartsWith("relu"));
    }

    [Fact]
    public void The_report_says_an_interrupted_experiment_is_incomplete_and_over_how_many_runs()
    {
        string report = ReportWriter.Build("name: x\n", Mixed(), ReportVerdicts.None, [], []);
        string complete = ReportWriter.Build("name: x\n",
            Summary.ByVariant(Plan, [.. Plan.Runs.Select(r => (r, Result(r, RunStatus.Ok, 3, 0.9)))]), ReportVerdicts.None, [], []);

        Assert.Contains("**Incomplete:** 5 of 9 runs did not finish", report);
        Assert.Contains("| `relu` | 0.8800 ± 0.0707 | ", report);
        Assert.Contains(" | 2 | 3 | incomplete: 1/3 runs cancelled |", report);
        Assert.DoesNotContain("Incomplete", complete);
        Assert.Contains(" | 3 | 3 | ok |", complete);
    }
}
