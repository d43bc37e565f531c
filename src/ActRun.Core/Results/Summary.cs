using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>Turns finished runs into one summary row per variant (the grid point of the sweep), over its seeds.</summary>
public static class Summary
{
    /// <summary>One row per variant, in plan order, over the runs that have results; expectations from the config applied.</summary>
    public static IReadOnlyList<SummaryRecord> ByVariant(ExperimentPlan plan, IReadOnlyList<(PlannedRun Run, RunResult Result)> runs)
    {
        var rows = new List<SummaryRecord>();
        foreach (var group in runs.GroupBy(r => r.Run.Variant.Index).OrderBy(g => g.Key))
        {
            var variant = group.First().Run.Variant;
            var row = Summarize(group.Select(r => r.Result).ToList());
            row.Activation = variant.Activation;
            row.Label = variant.Label;
            row.SweepValues = variant.Keys.Skip(1).ToList();
            Expectations.Apply(plan.Config, variant, row);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// A baseline's row: one fit, so no spread; "epochs" is 0 (it is not trained in epochs). The dataset column and
    /// swept dataset settings name its data; the other key columns (hidden, ...) are empty.
    /// </summary>
    public static SummaryRecord ForBaseline(ExperimentPlan plan, BaselineRecord baseline)
    {
        var run = plan.Runs.First(r => r.Data.Key == baseline.Dataset);
        var data = plan.SweptKeys.Where(k => k.Path.StartsWith("dataset.", StringComparison.Ordinal)).Select(k => k.Column).Append("dataset").ToHashSet();
        return new SummaryRecord
        {
            Activation = baseline.Baseline,
            Label = baseline.Baseline,
            SweepValues = run.Variant.Keys.Skip(1).Select(k => (k.Column, data.Contains(k.Column) ? k.Value : "")).ToList(),
            Seeds = 1,
            Epochs = 0,
            TestAccuracy = baseline.TestAccuracy,
            TestLoss = baseline.TestLoss,
            TrainAccuracy = baseline.TrainAccuracy,
            TrainLoss = baseline.TrainLoss,
            BestTestAccuracy = baseline.TestAccuracy,
            BestEpoch = 0,
            TrainSeconds = baseline.TrainSeconds,
            Status = "ok",
            N = 1,
            TestAccuracyMin = baseline.TestAccuracy,
            TestAccuracyMax = baseline.TestAccuracy,
            TestLossMin = baseline.TestLoss,
            TestLossMax = baseline.TestLoss,
        };
    }

    private static SummaryRecord Summarize(IReadOnlyList<RunResult> runs)
    {
        var finals = runs.Where(r => r.Final is not null).Select(r => r.Final!).ToList();
        var accuracies = finals.Select(f => f.TestAccuracy).ToList();
        var losses = finals.Select(f => f.TestLoss).ToList();
        var (bestEpoch, bestAccuracy) = BestMeanEpoch(runs);
        var accuracyCi = ConfidenceInterval95(accuracies);
        var lossCi = ConfidenceInterval95(losses);
        return new SummaryRecord
        {
            Seeds = runs.Count,
            Epochs = runs.Max(r => r.Epochs.Count),
            TestAccuracy = Mean(accuracies),
            TestAccuracyStd = SampleStd(accuracies),
            TestLoss = Mean(losses),
            TestLossStd = SampleStd(losses),
            TrainAccuracy = Mean(finals.Select(f => f.TrainAccuracy)),
            TrainLoss = Mean(finals.Select(f => f.TrainLoss)),
            BestTestAccuracy = bestAccuracy,
            BestEpoch = bestEpoch,
            TrainSeconds = Mean(runs.Select(r => r.TrainSeconds)),
            Status = Status(runs),
            N = finals.Count,
            TestAccuracyMin = finals.Count == 0 ? double.NaN : accuracies.Min(),
            TestAccuracyMax = finals.Count == 0 ? double.NaN : accuracies.Max(),
            TestAccuracyCi95Low = accuracyCi?.Low,
            TestAccuracyCi95High = accuracyCi?.High,
            TestLossMin = finals.Count == 0 ? double.NaN : losses.Min(),
            TestLossMax = finals.Count == 0 ? double.NaN : losses.Max(),
            TestLossCi95Low = lossCi?.Low,
            TestLossCi95High = lossCi?.High,
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

    /// <summary>
    /// The epoch with the best mean test accuracy, and that accuracy. Regression has no accuracy (NaN), so there
    /// the best epoch is the one with the lowest mean test loss, and the accuracy stays NaN.
    /// </summary>
    private static (int Epoch, double Accuracy) BestMeanEpoch(IReadOnlyList<RunResult> runs)
    {
        int epochs = runs.Min(r => r.Epochs.Count);
        bool regression = epochs > 0 && runs.All(r => r.Epochs.All(m => double.IsNaN(m.TestAccuracy)));
        int best = 0;
        double bestScore = double.NegativeInfinity, bestAccuracy = double.NaN;
        for (int e = 0; e < epochs; e++)
        {
            double accuracy = Mean(runs.Select(r => r.Epochs[e].TestAccuracy));
            double score = regression ? -Mean(runs.Select(r => r.Epochs[e].TestLoss)) : accuracy;
            if (score > bestScore || best == 0)
            {
                bestScore = score;
                bestAccuracy = accuracy;
                best = e + 1;
            }
        }
        return (best, bestAccuracy);
    }

    /// <summary>The 95% confidence interval of the mean (Student t); null for fewer than two values.</summary>
    private static (double Low, double High)? ConfidenceInterval95(IReadOnlyList<double> values)
    {
        double half = Statistics.ConfidenceHalfWidth95(values);
        if (!double.IsFinite(half)) return null;
        double mean = values.Average();
        return (mean - half, mean + half);
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
