using ActRun.Core.Data;

namespace ActRun.Core.Losses;

/// <summary>
/// The output activation together with its matching loss, fused so that the gradient with respect to the
/// logits is the simple, stable one (p − y). Losses are means per sample.
/// </summary>
public abstract class OutputHead
{
    /// <summary>The output activation's name (softmax, sigmoid, linear).</summary>
    public abstract string Activation { get; }

    /// <summary>The loss's name (categorical_crossentropy, binary_crossentropy, mean_squared_error).</summary>
    public abstract string Loss { get; }

    /// <summary>Number of network outputs for this head on a dataset.</summary>
    public abstract int OutputUnits(Dataset data);

    /// <summary>
    /// Sum over the batch of the per-sample loss, and optionally dL/dlogits for the batch mean
    /// (divided by <paramref name="rows"/>, so gradients are those of the mean loss).
    /// Also counts correct predictions (classification).
    /// </summary>
    public abstract BatchLoss Evaluate(ReadOnlySpan<float> logits, int rows, in BatchTargets targets, Span<float> gradient, bool computeGradient);

    /// <summary>The probability this head assigns to class 1 for one row of logits (binary decision regions).</summary>
    public abstract double PositiveProbability(ReadOnlySpan<float> logits);

    public override string ToString() => Activation;

    /// <summary>The usual rule for "auto": several classes → softmax, two → sigmoid, regression → linear.</summary>
    public static OutputHead Create(string name, Dataset data)
    {
        bool classification = data.Task == TaskKind.Classification;
        return name.Trim().ToLowerInvariant() switch
        {
            "auto" => !classification ? new LinearMse() : data.ClassCount == 2 ? new SigmoidBinaryCrossEntropy() : new SoftmaxCrossEntropy(),
            "softmax" => classification ? new SoftmaxCrossEntropy() : throw NeedsClasses("softmax"),
            "log_softmax" or "logsoftmax" => classification ? new LogSoftmaxNll() : throw NeedsClasses("log_softmax"),
            "sparsemax" => classification ? new SparsemaxLoss() : throw NeedsClasses("sparsemax"),
            "sigmoid" => classification ? new SigmoidBinaryCrossEntropy() : throw NeedsClasses("sigmoid"),
            "tanh" => classification && data.ClassCount == 2
                ? new TanhBinaryCrossEntropy()
                : throw new ConfigException("Output activation 'tanh' is for binary tasks (two classes); use softmax or sigmoid for more."),
            "linear" => new LinearMse(),
            _ => throw new ConfigException($"Unknown output activation '{name}'.{Suggest.DidYouMean(name, Names)} Known: {string.Join(", ", Names)}."),
        };
    }

    public static IReadOnlyList<string> Names { get; } = ["auto", "softmax", "log_softmax", "sparsemax", "sigmoid", "tanh", "linear"];

    private static ConfigException NeedsClasses(string name) =>
        new($"Output activation '{name}' needs a classification dataset; use 'linear' for regression.");
}

/// <summary>The targets of a batch: class labels (classification) or values (regression), gathered per step.</summary>
public readonly ref struct BatchTargets(ReadOnlySpan<int> labels, ReadOnlySpan<float> values)
{
    public ReadOnlySpan<int> Labels { get; } = labels;
    public ReadOnlySpan<float> Values { get; } = values;
}

/// <summary>Sum of per-sample losses and number of correct predictions over a batch.</summary>
public readonly record struct BatchLoss(double LossSum, int Correct);
