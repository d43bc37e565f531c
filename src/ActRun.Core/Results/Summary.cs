using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>Turns finished runs into one summary row per variant (the grid point of the sweep), over its seeds.</summary>
public static class Summary
{
    /// <summary>
    /// One row per variant of the plan, in plan order, with expectations from the config applied. Each planned run
    /// counts as finished (every epoch trained, or ended by early stopping), diverged, or cancelled (cut off, or without
    /// results: not run). Means, spreads and intervals are over the finished runs only, each at its reported epoch (the
    /// best on validation, else the final one); a variant without any result gets a row of counts with empty statistics.
    /// </summary>
    public static IReadOnlyList<SummaryRecord> ByVariant(ExperimentPlan plan, IReadOnlyList<(PlannedRun Run, RunResult Result)> runs)
    {
        var results = runs.ToDictionary(r => r.Run.RunId, r => r.Result);
        var rows = new List<SummaryRecord>();
        foreach (var group in plan.Runs.GroupBy(r => r.Variant.Index).OrderBy(g => g.Key))
        {
            var variant = group.First().Variant;
            var row = Summarize(group.ToList(), results);
            row.Activation = variant.Activation;
            row.Label = variant.Label;
            row.SweepValues = variant.Keys.Skip(1).ToList();
            row.Regression = ResultFolder.HasRegression(plan);
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
            Regression = ResultFolder.HasRegression(plan),
            SweepValues = run.Variant.Keys.Skip(1).Select(k => (k.Column, data.Contains(k.Column) ? k.Value : "")).ToList(),
            Seeds = 1,
            Epochs = 0,
            TestAccuracy = baseline.TestAccuracy,
            TestLoss = baseline.TestLoss,
            TrainAccuracy = baseline.TrainAccuracy,
            TrainLoss = baseline.TrainLoss,
            EpochsTrained = 0,
            TrainSeconds = baseline.TrainSeconds,
            Status = "ok",
            N = 1,
            RunsFinished = 1,
            TestAccuracyMin = baseline.TestAccuracy,
            TestAccuracyMax = baseline.TestAccuracy,
            TestLossMin = baseline.TestLoss,
            TestLossMax = baseline.TestLoss,
        };
    }

    private static SummaryRecord Summarize(IReadOnlyList<PlannedRun> planned, IReadOnlyDictionary<string, RunResult> results)
    {
        int epochs = planned[0].Settings.Train.Epochs;
        var ran = planned.Where(r => results.ContainsKey(r.RunId)).Select(r => results[r.RunId]).ToList();
        var finished = ran.Where(r => r.Finished).ToList();
        var diverged = ran.Where(r => r.Status == RunStatus.Diverged).ToList();
        // Each run's reported epoch: its best on validation (the weights it ended with), else its final one.
        var finals = finished.Select(r => r.Reported!).ToList();
        var accuracies = finals.Select(f => f.TestAccuracy).ToList();
        var losses = finals.Select(f => f.TestLoss).ToList();
        var chosen = finished.Select(r => r.BestEpoch).OfType<int>().Select(e => (double)e).ToList();
        bool validated = chosen.Count > 0;
        var accuracyCi = ConfidenceInterval95(accuracies);
        var lossCi = ConfidenceInterval95(losses);
        var row = new SummaryRecord
        {
            Seeds = planned.Count,
            Epochs = epochs,
            TestAccuracy = Mean(accuracies),
            TestAccuracyStd = SampleStd(accuracies),
            TestLoss = Mean(losses),
            TestLossStd = SampleStd(losses),
            TrainAccuracy = Mean(finals.Select(f => f.TrainAccuracy)),
            TrainLoss = Mean(finals.Select(f => f.TrainLoss)),
            ValAccuracy = validated && finals.Any(f => !double.IsNaN(f.ValAccuracy)) ? Mean(finals.Select(f => f.ValAccuracy)) : null,
            ValLoss = validated ? Mean(finals.Select(f => f.ValLoss)) : null,
            BestEpoch = validated ? Mean(chosen) : null,
            EpochsTrained = Mean(finished.Select(r => (double)r.Epochs.Count)),
            TrainSeconds = Mean(finished.Select(r => r.TrainSeconds)),
            N = finished.Count,
            TestAccuracyMin = finals.Count == 0 ? double.NaN : accuracies.Min(),
            TestAccuracyMax = finals.Count == 0 ? double.NaN : accuracies.Max(),
            TestAccuracyCi95Low = accuracyCi?.Low,
            TestAccuracyCi95High = accuracyCi?.High,
            TestLossMin = finals.Count == 0 ? double.NaN : losses.Min(),
            TestLossMax = finals.Count == 0 ? double.NaN : losses.Max(),
            TestLossCi95Low = lossCi?.Low,
            TestLossCi95High = lossCi?.High,
            RunsFinished = finished.Count,
            RunsDiverged = diverged.Count,
            RunsCancelled = planned.Count - finished.Count - diverged.Count,
        };
        if (finals.Any(f => f.IsRegression))
        {
            var rmse = finals.Select(f => f.TestRmse).ToList();
            var mae = finals.Select(f => f.TestMae).ToList();
            var r2 = finals.Select(f => f.TestR2).ToList();
            var r2Ci = ConfidenceInterval95(r2);
            (row.TestRmse, row.TestRmseStd) = (Mean(rmse), SampleStd(rmse));
            (row.TestMae, row.TestMaeStd) = (Mean(mae), SampleStd(mae));
            (row.TestR2, row.TestR2Std, row.TestR2Ci95Low, row.TestR2Ci95High) = (Mean(r2), SampleStd(r2), r2Ci?.Low, r2Ci?.High);
        }
        row.Status = Status(row, diverged);
        return row;
    }

    /// <summary>
    /// "ok" when every run finished; else what kept runs out of the means, with counts:
    /// "diverged: 1/3 runs at epoch 2", "incomplete: 2/3 runs cancelled", or both, separated by "; ".
    /// </summary>
    private static string Status(SummaryRecord row, IReadOnlyList<RunResult> diverged)
    {
        var parts = new List<string>();
        if (row.RunsCancelled > 0) parts.Add($"incomplete: {row.RunsCancelled}/{row.Seeds} runs cancelled");
        if (diverged.Count > 0)
        {
            // A diverged run failed during its last recorded epoch.
            var at = diverged.Select(r => r.Epochs.Count).Distinct().Order().ToList();
            parts.Add($"diverged: {diverged.Count}/{row.Seeds} runs at epoch{(at.Count > 1 ? "s" : "")} {string.Join(",", at)}");
        }
        return parts.Count == 0 ? "ok" : string.Join("; ", parts);
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
