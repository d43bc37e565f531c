using System.Globalization;

namespace ActRun.Core.Data.Csv;

/// <summary>
/// How a CSV file becomes a dataset: the file (or a training and a test file), the label column (null: the
/// last column), classification or regression, the seeded test fraction used when there is one file, and the
/// columns to leave out.
/// </summary>
public sealed record CsvOptions(string Path, string? TestPath = null, string? LabelColumn = null,
    TaskKind Task = TaskKind.Classification, double TestFraction = CsvOptions.DefaultTestFraction, IReadOnlyList<string>? DropColumns = null)
{
    public const double DefaultTestFraction = 0.2;
    public const string PathKey = "path";
    public const string TestPathKey = "test_path";
    public const string LabelColumnKey = "label_column";
    public const string TaskKey = "task";
    public const string TestFractionKey = "test_fraction";
    public const string DropColumnsKey = "drop_columns";

    /// <summary>The columns to leave out (none by default).</summary>
    public IReadOnlyList<string> Dropped => DropColumns ?? [];

    /// <summary>A comma-separated list of column names, trimmed, without empty or repeated names.</summary>
    public static IReadOnlyList<string> ParseColumnList(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Reads and checks the options of a <c>csv</c> dataset spec; a bad value is a <see cref="ConfigException"/>.</summary>
    public static CsvOptions From(IReadOnlyDictionary<string, string> options)
    {
        if (!options.TryGetValue(PathKey, out string? path) || path.Length == 0)
            throw new ConfigException("Dataset 'csv' needs a file: --dataset csv:PATH or csv:TRAIN.csv,TEST.csv.");
        string? testPath = options.GetValueOrDefault(TestPathKey) is { Length: > 0 } t ? t : null;
        string? label = options.GetValueOrDefault(LabelColumnKey) is { Length: > 0 } l ? l : null;

        var task = TaskKind.Classification;
        if (options.TryGetValue(TaskKey, out string? taskText))
            task = taskText.ToLowerInvariant() switch
            {
                "classification" => TaskKind.Classification,
                "regression" => TaskKind.Regression,
                _ => throw new ConfigException($"--task must be classification or regression, got '{taskText}'."),
            };

        double fraction = DefaultTestFraction;
        if (options.TryGetValue(TestFractionKey, out string? fractionText))
        {
            fraction = DatasetSpec.Number(DatasetSpec.CsvName, TestFractionKey, fractionText);
            if (!(fraction > 0 && fraction < 1))
                throw new ConfigException($"--test-fraction must be between 0 and 1 (exclusive), got {fractionText}.");
            if (testPath is not null)
                throw new ConfigException("--test-fraction applies to one CSV file; with csv:TRAIN.csv,TEST.csv the test file is the test split.");
        }
        var dropped = options.TryGetValue(DropColumnsKey, out string? dropText) ? ParseColumnList(dropText) : [];
        return new CsvOptions(path, testPath, label, task, fraction, dropped.Count == 0 ? null : dropped);
    }

    /// <summary>The options that differ from the defaults, as spec text values.</summary>
    public Dictionary<string, string> ToDictionary()
    {
        var result = new Dictionary<string, string> { [PathKey] = Path };
        if (TestPath is not null) result[TestPathKey] = TestPath;
        if (LabelColumn is not null) result[LabelColumnKey] = LabelColumn;
        if (Task != TaskKind.Classification) result[TaskKey] = "regression";
        if (TestFraction != DefaultTestFraction) result[TestFractionKey] = TestFraction.ToString("R", CultureInfo.InvariantCulture);
        if (Dropped.Count > 0) result[DropColumnsKey] = string.Join(",", Dropped);
        return result;
    }
}
