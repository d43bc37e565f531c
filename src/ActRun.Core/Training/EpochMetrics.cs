namespace ActRun.Core.Training;

/// <summary>
/// One epoch's numbers. Training loss and accuracy are running means over the epoch's mini-batches (as Keras
/// reports them); test loss and accuracy are measured after the epoch. EpochSeconds times the training alone.
/// Accuracy is NaN for regression; the test RMSE, MAE and R² (<see cref="RegressionScore"/>) are NaN for classification.
/// The validation loss and accuracy are measured after the epoch too, on the split held out of the training data; NaN
/// without validation (<see cref="ValidationSettings"/>).
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double EpochSeconds)
{
    /// <summary>The learning rate the optimizer used in this epoch.</summary>
    public double LearningRate { get; init; } = double.NaN;

    public double ValLoss { get; init; } = double.NaN;
    public double ValAccuracy { get; init; } = double.NaN;

    public double TestRmse { get; init; } = double.NaN;
    public double TestMae { get; init; } = double.NaN;
    public double TestR2 { get; init; } = double.NaN;

    /// <summary>Whether the epoch carries regression scores (the run is a regression).</summary>
    public bool IsRegression => !double.IsNaN(TestRmse);
}

/// <summary>What a run records besides its metrics; none of it changes the numbers of the training.</summary>
[Flags]
public enum TrainingExtras
{
    None = 0,
    /// <summary>Per-layer gradient and activation statistics (layers.csv).</summary>
    Diagnostics = 1,
    /// <summary>The decision regions of a binary 2-D dataset (regions.csv).</summary>
    DecisionGrid = 2,
    /// <summary>The trained network itself, to be saved (<see cref="RunResult.Network"/>).</summary>
    Model = 4,
}

public enum RunStatus
{
    Ok,
    /// <summary>The loss became NaN or infinite, or grew past the divergence bound (<see cref="DivergenceRule"/>); training stopped at that epoch.</summary>
    Diverged,
    /// <summary>Stopped by the user before all epochs ran.</summary>
    Cancelled,
}

/// <summary>The outcome of one run: its epochs, and how it ended.</summary>
public sealed record RunResult(RunSettings Settings, IReadOnlyList<EpochMetrics> Epochs, RunStatus Status)
{
    /// <summary>Per-layer diagnostics of each epoch (empty unless asked for with <see cref="TrainingExtras.Diagnostics"/>).</summary>
    public IReadOnlyList<LayerStats> Layers { get; init; } = [];

    /// <summary>The trained network's decision regions (empty unless asked for and the dataset is binary 2-D).</summary>
    public IReadOnlyList<GridPoint> Regions { get; init; } = [];

    /// <summary>The trained network (null unless asked for with <see cref="TrainingExtras.Model"/>).</summary>
    public Layers.Network? Network { get; init; }

    public double TrainSeconds => Epochs.Sum(e => e.EpochSeconds);
    public EpochMetrics? Final => Epochs.Count > 0 ? Epochs[^1] : null;

    /// <summary>The epoch chosen on validation (<see cref="Training.BestEpoch"/>), whose weights the run ended with; null without validation.</summary>
    public int? BestEpoch => Training.BestEpoch.Choose(Epochs, Settings.Train.Validation);

    /// <summary>The epoch at which early stopping ended the run, or null when it did not.</summary>
    public int? StoppedEpoch => EarlyStopper.StopEpoch(Epochs, Settings.Train.Validation.EarlyStopping);

    /// <summary>Whether the run trained to its end: every epoch, or until early stopping ended it.</summary>
    public bool Finished => Status == RunStatus.Ok && Epochs.Count > 0 &&
        (Epochs.Count == Settings.Train.Epochs || StoppedEpoch == Epochs.Count);

    /// <summary>
    /// The epoch whose numbers the run reports: the best on validation (its weights are the ones the run ends with),
    /// or the final epoch without validation.
    /// </summary>
    public EpochMetrics? Reported => BestEpoch is int best ? Epochs[best - 1] : Final;
}
