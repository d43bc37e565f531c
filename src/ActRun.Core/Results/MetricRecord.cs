using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>
/// The columns of a metrics.csv row (one run and epoch) that every folder has, for reading the file back; the
/// other key columns (dataset, hidden, swept keys) come between activation and seed.
/// </summary>
public sealed class MetricRecord
{
    [Name("run_id")] public string RunId { get; set; } = "";
    [Name("activation")] public string Activation { get; set; } = "";
    [Name("seed")] public ulong Seed { get; set; }
    [Name("epoch")] public int Epoch { get; set; }
    [Name("train_loss")] public double TrainLoss { get; set; }
    [Name("train_accuracy")] public double TrainAccuracy { get; set; }
    /// <summary>Loss and accuracy of the validation split held out of the training data; empty without validation (accuracy: and for a regression).</summary>
    [Name("val_loss"), Optional] public double? ValLoss { get; set; }
    [Name("val_accuracy"), Optional] public double? ValAccuracy { get; set; }
    [Name("test_loss")] public double TestLoss { get; set; }
    [Name("test_accuracy")] public double TestAccuracy { get; set; }
    /// <summary>Training time of this epoch alone (no evaluation).</summary>
    [Name("epoch_seconds")] public double EpochSeconds { get; set; }
    /// <summary>Regression scores of the test split (<see cref="Training.RegressionScore"/>); columns only when the experiment has a regression task.</summary>
    [Name("test_rmse"), Optional] public double? TestRmse { get; set; }
    [Name("test_mae"), Optional] public double? TestMae { get; set; }
    [Name("test_r2"), Optional] public double? TestR2 { get; set; }
}
