using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>
/// One row of baselines.csv: a baseline model trained once on one dataset of the experiment (the dataset column is
/// the data's key, as in run ids). Its numbers also appear in summary.csv as a row whose activation is the
/// baseline's label; runs.csv and metrics.csv hold only the networks.
/// </summary>
public sealed class BaselineRecord
{
    [Name("baseline")] public string Baseline { get; set; } = "";
    [Name("dataset")] public string Dataset { get; set; } = "";
    [Name("train_loss")] public double TrainLoss { get; set; }
    [Name("train_accuracy")] public double TrainAccuracy { get; set; }
    [Name("test_loss")] public double TestLoss { get; set; }
    [Name("test_accuracy")] public double TestAccuracy { get; set; }
    [Name("train_seconds")] public double TrainSeconds { get; set; }
    [Name("settings")] public string Settings { get; set; } = "";
    [Name("actrun_version")] public string Version { get; set; } = "";
}
