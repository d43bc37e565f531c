using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>The fixed columns of a metrics.csv row (one run and epoch), for reading the file back; swept keys add columns.</summary>
public sealed class MetricRecord
{
    [Name("activation")] public string Activation { get; set; } = "";
    [Name("seed")] public ulong Seed { get; set; }
    [Name("epoch")] public int Epoch { get; set; }
    [Name("train_loss")] public double TrainLoss { get; set; }
    [Name("train_accuracy")] public double TrainAccuracy { get; set; }
    [Name("test_loss")] public double TestLoss { get; set; }
    [Name("test_accuracy")] public double TestAccuracy { get; set; }
    /// <summary>Training time of this epoch alone (no evaluation).</summary>
    [Name("epoch_seconds")] public double EpochSeconds { get; set; }
    [Name("run_id")] public string RunId { get; set; } = "";
}
