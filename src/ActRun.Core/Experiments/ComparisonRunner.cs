using ActRun.Core.Data;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>Hears about runs as they progress (the CLI shows it on stderr). Called from worker threads.</summary>
public interface IRunObserver
{
    void RunStarted(int index, RunSettings run);
    void EpochCompleted(int index, RunSettings run, EpochMetrics metrics);
    void RunFinished(int index, RunResult result);
}

/// <summary>
/// Executes a comparison's runs, up to <c>threads</c> at a time. Each run is independent and single-threaded,
/// so the numbers never depend on the degree of parallelism; results come back in plan order.
/// </summary>
public static class ComparisonRunner
{
    public static IReadOnlyList<RunResult> Run(Comparison comparison, Dataset data, int threads, IRunObserver? observer = null, CancellationToken cancel = default)
    {
        var runs = comparison.Runs().ToArray();
        var results = new RunResult[runs.Length];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) };
        Parallel.For(0, runs.Length, options, i =>
        {
            observer?.RunStarted(i, runs[i]);
            results[i] = Trainer.Train(data, runs[i], m => observer?.EpochCompleted(i, runs[i], m), cancel);
            observer?.RunFinished(i, results[i]);
        });
        return results;
    }
}
