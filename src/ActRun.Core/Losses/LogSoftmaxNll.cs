using ActRun.Core.Data;

namespace ActRun.Core.Losses;

/// <summary>
/// log_softmax + negative log-likelihood (PyTorch's LogSoftmax + NLLLoss). The network outputs
/// log-probabilities z − logsumexp(z); the loss is minus the true class's one. Mathematically this is
/// softmax + categorical cross-entropy, so the numbers equal <see cref="SoftmaxCrossEntropy"/>'s; it is listed
/// so a PyTorch user finds the pairing they know.
/// </summary>
public sealed class LogSoftmaxNll : OutputHead
{
    private readonly SoftmaxCrossEntropy _same = new();

    public override string Activation => "log_softmax";
    public override string Loss => "nll";
    public override int OutputUnits(Dataset data) => data.ClassCount;

    public override double PositiveProbability(ReadOnlySpan<float> logits) => _same.PositiveProbability(logits);

    public override BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient) =>
        _same.Evaluate(logits, rows, targets, gradient, computeGradient);
}
