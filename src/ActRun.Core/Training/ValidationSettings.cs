using System.Globalization;

namespace ActRun.Core.Training;

/// <summary>
/// The validation split and the choices made on it. <see cref="Fraction"/> of the training rows (per class for a
/// classification) are held out by <see cref="ValidationSplit"/>; 0 switches validation off, and then nothing is chosen
/// by epoch (the final epoch is reported). <see cref="Monitor"/> picks the best epoch, whose weights the run ends with
/// (Keras's <c>restore_best_weights</c>). Early stopping and the reduction of the rate on a plateau watch the same split.
/// </summary>
public sealed record ValidationSettings(double Fraction, string Monitor = ValidationSettings.DefaultMonitor,
    EarlyStoppingSettings? EarlyStopping = null, PlateauSettings? Plateau = null)
{
    public const string DefaultMonitor = "val_loss";

    /// <summary>The metrics a choice can watch: the validation loss (lower is better) and accuracy (higher is better).</summary>
    public static IReadOnlyList<string> Monitors { get; } = ["val_loss", "val_accuracy"];

    /// <summary>No validation split (the behaviour of every experiment that does not ask for one).</summary>
    public static ValidationSettings Off { get; } = new(0);

    public bool Enabled => Fraction > 0;

    /// <summary>Whether a monitor improves when it grows (accuracy) rather than when it falls (loss).</summary>
    public static bool Maximizes(string monitor) => monitor == "val_accuracy";

    /// <summary>The value of <paramref name="monitor"/> in an epoch's metrics.</summary>
    public static double Value(EpochMetrics metrics, string monitor) => monitor switch
    {
        "val_loss" => metrics.ValLoss,
        "val_accuracy" => metrics.ValAccuracy,
        _ => throw new ArgumentException($"Unknown monitor '{monitor}'.", nameof(monitor)),
    };
}

/// <summary>
/// Keras's <c>EarlyStopping</c>: training stops once <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs (patience 0 stops at the first epoch without improvement,
/// as 1 does). <see cref="Mode"/> is min or max (auto resolves from the monitor when the setting is read).
/// </summary>
public sealed record EarlyStoppingSettings(string Monitor = ValidationSettings.DefaultMonitor, int Patience = 0, double MinDelta = 0, string Mode = "min")
{
    /// <summary>The canonical text, a YAML flow mapping that reads back to the same settings.</summary>
    public override string ToString() =>
        $"{{monitor: {Monitor}, patience: {Patience.ToString(CultureInfo.InvariantCulture)}, min_delta: {MinDelta.ToString("R", CultureInfo.InvariantCulture)}, mode: {Mode}}}";
}

/// <summary>
/// Keras's <c>ReduceLROnPlateau</c>: when <see cref="Monitor"/> has not improved by more than <see cref="MinDelta"/> for
/// <see cref="Patience"/> epochs, the rate is multiplied by <see cref="Factor"/> (never below <see cref="MinLr"/>), and
/// <see cref="Cooldown"/> epochs pass before the count starts again.
/// </summary>
public sealed record PlateauSettings(string Monitor = ValidationSettings.DefaultMonitor, double Factor = 0.1, int Patience = 10, double MinDelta = 1e-4,
    int Cooldown = 0, double MinLr = 0, string Mode = "min")
{
    public override string ToString() =>
        $"{{monitor: {Monitor}, factor: {R(Factor)}, patience: {Patience.ToString(CultureInfo.InvariantCulture)}, min_delta: {R(MinDelta)}, " +
        $"cooldown: {Cooldown.ToString(CultureInfo.InvariantCulture)}, min_lr: {R(MinLr)}, mode: {Mode}}}";

    private static string R(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
