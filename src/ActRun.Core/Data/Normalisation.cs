namespace ActRun.Core.Data;

/// <summary>
/// How raw values became what a network sees, kept with the dataset so that a saved model can apply the same
/// transform to new data: each feature x → (x × <see cref="Scale"/> − mean) / std (MNIST: scale 1/255, no
/// mean/std; a CSV file: mean and std of the training split, scale 1; toy sets: nothing), and a regression
/// target t → (t − TargetMean) / TargetStd.
/// </summary>
public sealed record Normalisation(
    double Scale = 1.0,
    IReadOnlyList<double>? FeatureMeans = null,
    IReadOnlyList<double>? FeatureStds = null,
    double? TargetMean = null,
    double? TargetStd = null)
{
    public static Normalisation None { get; } = new();

    /// <summary>none, scale or standardise: which of the fields apply.</summary>
    public string Kind => FeatureMeans is not null ? "standardise" : Scale != 1.0 ? "scale" : "none";
}
