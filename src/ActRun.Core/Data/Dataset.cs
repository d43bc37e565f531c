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

    /// <summary>The number of network outputs: classes for multi-class, 1 for binary or regression.</summary>
    public int OutputCount => Task == TaskKind.Regression || ClassCount == 2 ? 1 : ClassCount;
}
