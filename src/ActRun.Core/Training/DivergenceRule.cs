namespace ActRun.Core.Training;

/// <summary>
/// When a run counts as diverged although its loss is still a number: the mean training loss of an epoch is above
/// <c>factor</c> × the run's initial loss, the mean loss of its first mini-batch before the first update. The initial
/// loss is the reference because every loss has one (cross-entropy, sparsemax, the binary heads, mean squared error
/// in any unit of the target) and it costs nothing: it is the first forward pass of training. A loss of 0 at
/// initialisation (nothing to multiply) and a factor of 0 switch the bound off; NaN and infinity always diverge.
/// </summary>
public static class DivergenceRule
{
    /// <summary>
    /// 100: a softmax network starts near ln(classes) (2.3 on 10 classes), so the bound is a mean loss of about 230,
    /// far above any epoch of the shipped experiments that trains, and far below a runaway (1e11 at lr 1e12).
    /// </summary>
    public const double DefaultFactor = 100;

    /// <summary>Whether an epoch's mean training loss is past the bound set by the initial loss.</summary>
    public static bool Exceeded(double epochLoss, double initialLoss, double factor) =>
        factor > 0 && initialLoss > 0 && epochLoss > factor * initialLoss;
}
