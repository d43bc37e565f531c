namespace ActRun.Core.Training;

/// <summary>
/// The best epoch on validation: the first epoch whose monitored value is strictly better than every earlier one
/// (lowest val_loss, or highest val_accuracy); a NaN value is never best. Null without validation.
/// </summary>
public static class BestEpoch
{
    public static int? Choose(IReadOnlyList<EpochMetrics> epochs, ValidationSettings validation)
    {
        if (!validation.Enabled) return null;
        int? best = null;
        double bestValue = double.NaN;
        foreach (var e in epochs)
        {
            double v = ValidationSettings.Value(e, validation.Monitor);
            if (IsBetter(v, bestValue, validation.Monitor))
            {
                bestValue = v;
                best = e.Epoch;
            }
        }
        return best;
    }

    /// <summary>Whether <paramref name="value"/> beats <paramref name="best"/> (NaN: nothing yet).</summary>
    public static bool IsBetter(double value, double best, string monitor) =>
        !double.IsNaN(value) && (double.IsNaN(best) || (ValidationSettings.Maximizes(monitor) ? value > best : value < best));
}

/// <summary>
/// Keras's EarlyStopping, fed one epoch at a time: improvement is <c>current - min_delta &gt; best</c> (max) or
/// <c>current + min_delta &lt; best</c> (min); after an epoch without improvement, training stops once the epochs
/// since the last improvement reach the patience.
/// </summary>
public sealed class EarlyStopper(EarlyStoppingSettings settings)
{
    private double _best = settings.Mode == "max" ? double.NegativeInfinity : double.PositiveInfinity;
    private int _wait;

    /// <summary>Records an epoch's monitored value; true when training should stop after this epoch.</summary>
    public bool StopAfter(EpochMetrics epoch)
    {
        double current = ValidationSettings.Value(epoch, settings.Monitor);
        _wait++;
        bool improved = settings.Mode == "max" ? current - settings.MinDelta > _best : current + settings.MinDelta < _best;
        if (improved)
        {
            _best = current;
            _wait = 0;
            return false;
        }
        return _wait >= settings.Patience;
    }

    /// <summary>The epoch at which the rule stops a run with these epochs, or null when it lets them all run.</summary>
    public static int? StopEpoch(IReadOnlyList<EpochMetrics> epochs, EarlyStoppingSettings? settings)
    {
        if (settings is null) return null;
        var stopper = new EarlyStopper(settings);
        foreach (var e in epochs)
            if (stopper.StopAfter(e)) return e.Epoch;
        return null;
    }
}

/// <summary>
/// Keras's ReduceLROnPlateau, fed one epoch at a time. <see cref="Factor"/> is the product of the reductions so far:
/// the trainer multiplies it onto the epoch's rate (<see cref="Scale"/>). A reduction happens only while the rate is
/// above min_lr, and a reduced rate never goes below min_lr.
/// </summary>
public sealed class PlateauReducer(PlateauSettings? settings)
{
    private double _best = settings?.Mode == "max" ? double.NegativeInfinity : double.PositiveInfinity;
    private int _wait, _cooldown;

    /// <summary>The multiplier of the learning rate for the coming epochs: 1 until the first reduction.</summary>
    public double Factor { get; private set; } = 1;

    /// <summary>The epoch's rate from the base rate: the base times <see cref="Factor"/>, never below min_lr once reduced.</summary>
    public double Scale(double rate) => Factor == 1 ? rate : Math.Max(rate * Factor, settings!.MinLr);

    /// <summary>Records an epoch (trained at <paramref name="rate"/>); true when it reduced the rate for the next epochs.</summary>
    public bool AfterEpoch(EpochMetrics epoch, double rate)
    {
        if (settings is null) return false;
        double current = ValidationSettings.Value(epoch, settings.Monitor);
        if (_cooldown > 0)
        {
            _cooldown--;
            _wait = 0;
        }
        bool improved = settings.Mode == "max" ? current > _best + settings.MinDelta : current < _best - settings.MinDelta;
        if (improved)
        {
            _best = current;
            _wait = 0;
            return false;
        }
        if (_cooldown > 0) return false;
        _wait++;
        if (_wait < settings.Patience || rate <= settings.MinLr) return false;
        Factor *= settings.Factor;
        _cooldown = settings.Cooldown;
        _wait = 0;
        return true;
    }
}
