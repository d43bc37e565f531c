using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>Turns finished runs into metrics rows and per-activation summary rows.</summary>
public static class Summary
{
    public static IEnumerable<MetricRecord> Metrics(IEnumerable<RunResult> runs) =>
        runs.SelectMany(run => run.Epochs.Select(e => new MetricRecord
        {
            Activation = run.Settings.Model.Activation,
            Seed = run.Settings.Seed,
            Epoch = e.Epoch,
            TrainLoss = e.TrainLoss,
            TrainAccuracy = e.TrainAccuracy,
            TestLoss = e.TestLoss,
            TestAccuracy = e.TestAccuracy,
            EpochSeconds = e.EpochSeconds,
        }));

    /// <summary>One row per activation, in the order the activations first appear.</summary>
    public static IEnumerable<SummaryRecord> ByActivation(IEnumerable<RunResult> runs) =>
        runs.GroupBy(r => r.Settings.Model.Activation).Select(Summarize);

    private static SummaryRecord Summarize(IGrouping<string, RunResult> group)
    {
        var runs = group.ToList();
        var finals = runs.Where(r => r.Final is not null).Select(r => r.Final!).ToList();
        var (bestEpoch, bestAccuracy) = BestMeanEpoch(runs);
        return new SummaryRecord
        {
            Activation = group.Key,
            Seeds = runs.Count,
            Epochs = runs.Max(r => r.Epochs.Count),
            TestAccuracy = Mean(finals.Select(f => f.TestAccuracy)),
            TestAccuracyStd = SampleStd(finals.Select(f => f.TestAccuracy)),
            TestLoss = Mean(finals.Select(f => f.TestLoss)),
            TestLossStd = SampleStd(finals.Select(f => f.TestLoss)),
            TrainAccuracy = Mean(finals.Select(f => f.TrainAccuracy)),
            TrainLoss = Mean(finals.Select(f => f.TrainLoss)),
            BestTestAccuracy = bestAccuracy,
            BestEpoch = bestEpoch,
            TrainSeconds = Mean(runs.Select(r => r.TrainSeconds)),
            Status = Status(runs),
        };
    }

    /// <summary>"ok", else the first non-ok run's state with its epoch ("diverged at epoch 3").</summary>
    private static string Status(IReadOnlyList<RunResult> runs)
    {
        var bad = runs.FirstOrDefault(r => r.Status != RunStatus.Ok);
        if (bad is null) return "ok";
        string state = bad.Status.ToString().ToLowerInvariant();
        if (bad.Epochs.Count == 0) return state;
        // A diverged run failed during its last epoch; a cancelled one stopped after its last whole epoch.
        return $"{state} {(bad.Status == RunStatus.Cancelled ? "after" : "at")} epoch {bad.Epochs[^1].Epoch}";
    }

    private static (int Epoch, double Accuracy) BestMeanEpoch(IReadOnlyList<RunResult> runs)
    {
        int best = 0;
        double bestValue = double.NegativeInfinity;
        int epochs = runs.Min(r => r.Epochs.Count);
        for (int e = 0; e < epochs; e++)
        {
            double mean = Mean(runs.Select(r => r.Epochs[e].TestAccuracy));
            if (mean > bestValue || best == 0)
            {
                bestValue = mean;
                best = e + 1;
            }
        }
        return (best, best == 0 ? double.NaN : bestValue);
    }

    public static double Mean(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? double.NaN : list.Average();
    }

    /// <summary>Sample standard deviation (n − 1); null for fewer than two values.</summary>
    public static double? SampleStd(IEnumerable<double> values)
    {
        var list = values.ToList();
        if (list.Count < 2) return null;
        double mean = list.Average();
        return Math.Sqrt(list.Sum(v => (v - mean) * (v - mean)) / (list.Count - 1));
    }
}
