using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Experiments;

public class ExperimentRunnerTests
{
    /// <summary>Cancels the token once a given run has finished its first epoch (what Ctrl-C does mid-run).</summary>
    private sealed class CancelAfterFirstEpoch(string runId, CancellationTokenSource cancel) : IRunObserver
    {
        public void RunStarted(PlannedRun run) { }
        public void EpochCompleted(PlannedRun run, EpochMetrics metrics)
        {
            if (run.RunId == runId && metrics.Epoch == 1) cancel.Cancel();
        }
        public void RunFinished(PlannedRun run, RunResult result) { }
    }

    [Fact]
    public void A_run_cancelled_mid_way_is_trained_again_on_resume_without_duplicate_rows()
    {
        using var whole = new TempDirectory();
        using var cut = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, whole.Path, new RunOptions(1), data);

        using var cancel = new CancellationTokenSource();
        var victim = plan.Runs[2];
        var first = ExperimentRunner.Run(plan, cut.Path, new RunOptions(1), data, new CancelAfterFirstEpoch(victim.RunId, cancel), cancel.Token);
        Assert.True(first.Cancelled);
        var stored = ResultFolder.Load(cut.Path);
        Assert.Equal("cancelled", stored[victim.RunId].Record.Status);
        Assert.Equal(2, stored.Values.Count(s => s.Record.Status == "ok"));

        var resumed = ExperimentRunner.Run(plan, cut.Path, new RunOptions(2, Resume: true), data);
        Assert.Equal(2, resumed.Kept);
        Assert.Equal(2, resumed.Trained);
        Assert.Equal(SmallSweep.Numbers(whole.Path), SmallSweep.Numbers(cut.Path));
    }

    [Fact]
    public void The_numbers_do_not_depend_on_the_parallelism()
    {
        using var one = new TempDirectory();
        using var two = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, one.Path, new RunOptions(1), data);
        ExperimentRunner.Run(plan, two.Path, new RunOptions(2), data);
        Assert.Equal(SmallSweep.Numbers(one.Path), SmallSweep.Numbers(two.Path));
    }
}
