using ActRun.Core.Data;

namespace ActRun.Core.Experiments;

/// <summary>
/// A reference model trained once per dataset of an experiment, next to the networks, on the same split and the
/// same (standardised) features. Its result is a row of summary.csv under <see cref="IBaselineTrainer.Label"/>.
/// The implementations live outside ActRun.Core (ML.NET is not part of the centre); Core knows only the names.
/// </summary>
public interface IBaselineTrainer
{
    /// <summary>The row's label in summary.csv (<c>mlnet-logreg</c>).</summary>
    string Label { get; }

    /// <summary>The trainer and its settings, one line, for baselines.csv.</summary>
    string Settings { get; }

    /// <summary>Trains on <paramref name="data"/>'s training split and measures both splits. Deterministic for a seed.</summary>
    BaselineResult Train(Dataset data, ulong seed, CancellationToken cancel);
}

/// <summary>A baseline's numbers on one dataset: mean loss (cross-entropy, natural log) and accuracy of both splits.</summary>
public sealed record BaselineResult(double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);

/// <summary>The baselines a config can ask for (<c>baseline: mlnet</c>, <c>--baseline mlnet</c>).</summary>
public static class BaselineCatalog
{
    public const string None = "none";
    public const string MlNet = "mlnet";

    /// <summary>The summary row of <see cref="MlNet"/>: ML.NET's multinomial logistic regression.</summary>
    public const string MlNetLabel = "mlnet-logreg";

    public static IReadOnlyList<string> Names { get; } = [None, MlNet];

    /// <summary>The canonical name, or null for none; an unknown name is a <see cref="ConfigException"/> with a suggestion.</summary>
    public static string? Parse(string text)
    {
        string key = text.Trim().ToLowerInvariant();
        if (key == MlNet) return MlNet;
        if (key == None) return null;
        throw new ConfigException($"unknown baseline '{text}'.{Suggest.DidYouMean(key, Names)} Known: {string.Join(", ", Names)}.");
    }

    /// <summary>Why a baseline cannot run on this data, or null: the ML.NET baseline is a classifier.</summary>
    public static string? Problem(string baseline, DataSpec data) =>
        data.Spec.Kind == DatasetKind.Csv && data.Spec.ToCsvOptions().Task == TaskKind.Regression
            ? $"baseline '{baseline}' is a classifier (multinomial logistic regression); '{data.Spec}' is a regression task. Drop the baseline for regression data."
            : null;
}
