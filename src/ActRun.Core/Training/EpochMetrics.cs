namespace ActRun.Core.Training;

/// <summary>
/// One epoch's numbers. Training loss and accuracy are running means over the epoch's mini-batches (as Keras
/// reports them); test loss and accuracy are measured after the epoch. EpochSeconds times the training alone.
/// Accuracy is NaN for regression.
/// </summary>
public sealed record EpochMetrics(int Epoch, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double EpochSeconds);

public enum RunStatus
{
    Ok,
    /// <summary>The loss became NaN or infinite; training stopped at that epoch.</summary>
    Diverged,
    /// <summary>Stopped by the user before all epochs ran.</summary>
    Cancelled,
}

/// <summary>The outcome of one run: its epochs, and how it ended.</summary>
public sealed record RunResult(RunSettings Settings, IReadOnlyList<EpochMetrics> Epochs, RunStatus Status)
{
    public double TrainSeconds => Epochs.Sum(e => e.EpochSeconds);
    public EpochMetrics? Final => Epochs.Count > 0 ? Epochs[^1] : null;
}
