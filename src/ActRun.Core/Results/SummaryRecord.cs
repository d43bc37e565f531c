using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Results;

/// <summary>
/// One row of summary.csv: one variant over its seeds. Means are over the final epoch of the runs that finished
/// every epoch (<see cref="N"/> of them; diverged and cancelled runs are counted, not averaged); standard
/// deviations are sample deviations (empty with one seed), and the 95% confidence interval of the mean uses
/// Student's t. With validation a run's numbers are those of its best epoch on validation (the weights it ends with),
/// and best_epoch is the mean of those epochs; without validation they are the final epoch's. The variant's other key columns (the
/// dataset, the hidden layer widths, then the other swept keys) come after the activation (<see cref="SweepValues"/>);
/// expected/within_expected when the config has <c>expect:</c> ranges.
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
    /// <summary>Mean validation accuracy and loss at the runs' chosen epochs; empty without validation (accuracy: and for a regression).</summary>
    [Name("val_accuracy")] public double? ValAccuracy { get; set; }
    [Name("val_loss")] public double? ValLoss { get; set; }
    /// <summary>Mean over the finished runs of the epoch chosen on validation; empty without validation (nothing is chosen by epoch).</summary>
    [Name("best_epoch")] public double? BestEpoch { get; set; }
    /// <summary>Mean over the finished runs of the epochs they trained: fewer than epochs when early stopping ended them.</summary>
    [Name("epochs_trained")] public double EpochsTrained { get; set; }
    /// <summary>Mean over seeds of the summed epoch_seconds.</summary>
    [Name("train_seconds")] public double TrainSeconds { get; set; }
    /// <summary>ok when every run finished, else "incomplete: 1/3 runs cancelled" and/or "diverged: 1/3 runs at epoch 2".</summary>
    [Name("status")] public string Status { get; set; } = "";
    /// <summary>How many runs finished every epoch: the n behind the means.</summary>
    [Name("n")] public int N { get; set; }
    [Name("test_accuracy_min")] public double TestAccuracyMin { get; set; }
    [Name("test_accuracy_max")] public double TestAccuracyMax { get; set; }
    [Name("test_accuracy_ci95_low")] public double? TestAccuracyCi95Low { get; set; }
    [Name("test_accuracy_ci95_high")] public double? TestAccuracyCi95High { get; set; }
    [Name("test_loss_min")] public double TestLossMin { get; set; }
    [Name("test_loss_max")] public double TestLossMax { get; set; }
    [Name("test_loss_ci95_low")] public double? TestLossCi95Low { get; set; }
    [Name("test_loss_ci95_high")] public double? TestLossCi95High { get; set; }
    /// <summary>Runs that trained every epoch: the ones the statistics are over.</summary>
    [Name("runs_finished")] public int RunsFinished { get; set; }
    /// <summary>Runs stopped because their loss became NaN or infinite or grew past the divergence bound.</summary>
    [Name("runs_diverged")] public int RunsDiverged { get; set; }
    /// <summary>Runs cut off before their last epoch (interrupted) or never started: the variant is incomplete.</summary>
    [Name("runs_cancelled")] public int RunsCancelled { get; set; }

    /// <summary>Final-epoch test RMSE, MAE and R² of a regression (<see cref="Training.RegressionScore"/>): columns only when the experiment has a regression task.</summary>
    [Name("test_rmse"), Optional] public double? TestRmse { get; set; }
    [Name("test_rmse_std"), Optional] public double? TestRmseStd { get; set; }
    [Name("test_mae"), Optional] public double? TestMae { get; set; }
    [Name("test_mae_std"), Optional] public double? TestMaeStd { get; set; }
    [Name("test_r2"), Optional] public double? TestR2 { get; set; }
    [Name("test_r2_std"), Optional] public double? TestR2Std { get; set; }
    [Name("test_r2_ci95_low"), Optional] public double? TestR2Ci95Low { get; set; }
    [Name("test_r2_ci95_high"), Optional] public double? TestR2Ci95High { get; set; }

    /// <summary>Whether the row carries the regression columns (every row of an experiment with a regression task does); not a column.</summary>
    [Ignore] public bool Regression { get; set; }

    /// <summary>Whether some of the variant's runs did not run to their end (they can still be resumed).</summary>
    [Ignore] public bool Incomplete => RunsCancelled > 0;

    /// <summary>The variant's label (<c>relu</c>, <c>activation=relu lr=0.02</c>), for messages; not a column.</summary>
    [Ignore] public string Label { get; set; } = "";
    /// <summary>The key columns after the activation (<see cref="Experiments.ExperimentPlan.KeyColumns"/>), as (column, value).</summary>
    [Ignore] public IReadOnlyList<(string Column, string Value)> SweepValues { get; set; } = [];
    /// <summary>The expected ranges that apply to this variant (<c>test_accuracy in [0.96, 1]</c>), or null without any.</summary>
    [Ignore] public string? Expected { get; set; }
    [Ignore] public bool? WithinExpected { get; set; }

    /// <summary>The row's columns in file order: activation, the other key columns, the statistics, then expectations when asked.</summary>
    public IReadOnlyList<(string Column, object? Value)> Fields(bool withExpectations) =>
    [
        ("activation", Activation),
        .. SweepValues.Select(v => (v.Column, (object?)v.Value)),
        ("seeds", Seeds), ("epochs", Epochs),
        ("test_accuracy", TestAccuracy), ("test_accuracy_std", TestAccuracyStd),
        ("test_loss", TestLoss), ("test_loss_std", TestLossStd),
        ("train_accuracy", TrainAccuracy), ("train_loss", TrainLoss),
        ("val_accuracy", ValAccuracy), ("val_loss", ValLoss), ("best_epoch", BestEpoch), ("epochs_trained", EpochsTrained),
        ("train_seconds", TrainSeconds), ("status", Status), ("n", N),
        ("test_accuracy_min", TestAccuracyMin), ("test_accuracy_max", TestAccuracyMax),
        ("test_accuracy_ci95_low", TestAccuracyCi95Low), ("test_accuracy_ci95_high", TestAccuracyCi95High),
        ("test_loss_min", TestLossMin), ("test_loss_max", TestLossMax),
        ("test_loss_ci95_low", TestLossCi95Low), ("test_loss_ci95_high", TestLossCi95High),
        ("runs_finished", RunsFinished), ("runs_diverged", RunsDiverged), ("runs_cancelled", RunsCancelled),
        .. Regression
            ? [("test_rmse", (object?)TestRmse), ("test_rmse_std", TestRmseStd), ("test_mae", TestMae), ("test_mae_std", TestMaeStd),
               ("test_r2", TestR2), ("test_r2_std", TestR2Std), ("test_r2_ci95_low", TestR2Ci95Low), ("test_r2_ci95_high", TestR2Ci95High)]
            : Array.Empty<(string, object?)>(),
        .. withExpectations ? [("expected", (object?)Expected), ("within_expected", WithinExpected)] : Array.Empty<(string, object?)>(),
    ];
}
