using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>
/// One row of summary.csv: one activation over its seeds. Means are over seeds of the final epoch; standard
/// deviations are sample deviations (empty with one seed). best_* is the epoch whose mean test accuracy is highest.
/// </summary>
public sealed class SummaryRecord
{
    [Name("activation")] public string Activation { get; set; } = "";
    [Name("seeds")] public int Seeds { get; set; }
    [Name("epochs")] public int Epochs { get; set; }
    [Name("test_accuracy")] public double TestAccuracy { get; set; }
    [Name("test_accuracy_std")] public double? TestAccuracyStd { get; set; }
    [Name("test_loss")] public double TestLoss { get; set; }
    [Name("test_loss_std")] public double? TestLossStd { get; set; }
    [Name("train_accuracy")] public double TrainAccuracy { get; set; }
    [Name("train_loss")] public double TrainLoss { get; set; }
    [Name("best_test_accuracy")] public double BestTestAccuracy { get; set; }
    [Name("best_epoch")] public int BestEpoch { get; set; }
    /// <summary>Mean over seeds of the summed epoch_seconds.</summary>
    [Name("train_seconds")] public double TrainSeconds { get; set; }
    /// <summary>ok, or diverged / cancelled when any seed's run ended so (with the epoch).</summary>
    [Name("status")] public string Status { get; set; } = "";
}
