namespace ActRun.Core.Data;

public enum TaskKind
{
    Classification,
    Regression,
}

/// <summary>
/// One split of a dataset. Classification splits carry integer class labels in [0, ClassCount);
/// regression splits carry one float target per sample.
/// </summary>
public sealed record DataSplit(FeatureMatrix Features, int[]? Labels, float[]? Targets)
{
    public int Count => Features.Rows;

    /// <summary>The first <paramref name="count"/> samples, for quick runs and tests.</summary>
    public DataSplit Take(int count) =>
        count == Count ? this : new DataSplit(Features.TakeRows(count), Labels?[..count], Targets?[..count]);
}

/// <summary>A dataset ready for training: features and targets of a training and a test split.</summary>
public sealed record Dataset(
    string Name,
    TaskKind Task,
    int ClassCount,
    IReadOnlyList<string> FeatureNames,
    DataSplit Train,
    DataSplit Test)
{
    public int FeatureCount => Train.Features.Columns;

    /// <summary>How the raw values were scaled or standardised into these features (and targets).</summary>
    public Normalisation Normalisation { get; init; } = Normalisation.None;

    /// <summary>The class names in label order when the file named them (CSV classification); null for numbered classes.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The number of network outputs: classes for multi-class, 1 for binary or regression.</summary>
    public int OutputCount => Task == TaskKind.Regression || ClassCount == 2 ? 1 : ClassCount;

    /// <summary>
    /// Keeps the first <paramref name="trainSubset"/> training and <paramref name="testSubset"/> test samples
    /// (null keeps the whole split). Asking for more samples than a split has is an error rather than a silent
    /// "all of them", so that a results file never claims a subset size it did not use.
    /// </summary>
    public Dataset WithSubsets(int? trainSubset, int? testSubset) => this with
    {
        Train = Subset(Train, trainSubset, "train"),
        Test = Subset(Test, testSubset, "test"),
    };

    private DataSplit Subset(DataSplit split, int? count, string which)
    {
        if (count is not int n) return split;
        if (n <= 0)
            throw new ConfigException($"The {which} subset of '{Name}' must be a positive number of samples, not {n}.");
        if (n > split.Count)
            throw new ConfigException(
                $"The {which} subset of '{Name}' asks for {n} samples but the {which} split has only {split.Count}. Use at most {split.Count}, or leave it out for all.");
        return split.Take(n);
    }
}
