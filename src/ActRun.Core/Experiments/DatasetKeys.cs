using ActRun.Core.Data;
using ActRun.Core.Data.Csv;
using ActRun.Core.Data.Toy;
using static ActRun.Core.Experiments.ConfigKeys;

namespace ActRun.Core.Experiments;

/// <summary>
/// The <c>dataset.*</c> settings, one declaration each: the dataset, its input features, a CSV file's settings, the
/// subsets and the toy generators' settings. Null in <see cref="DatasetConfig"/> means the dataset's own default.
/// </summary>
public static class DatasetKeys
{
    public static ConfigKey Name { get; } = new("dataset.name", "a dataset name",
        "The dataset: circles, xor, moons, spiral, blobs (toy options in parentheses: spiral(noise=0.2, train_size=2000)), mnist, fashion_mnist, or your own csv:PATH / csv:TRAIN.csv,TEST.csv. Written alone (dataset: mnist), it is short for this key.",
        c => c.Dataset.Name, (c, n, o) => c.Dataset.Name = Checked(o, () => DatasetSpec.Parse(Text(n, o, "a dataset name")).ToString()));

    public static ConfigKey Features { get; } = new("dataset.features", "input features such as [x1^2, x2^2]",
        "The network's inputs on the 2-D sets, as TensorFlow Playground's toggles: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2), in the order given. Empty: x1, x2.",
        c => c.Dataset.Features is { } f ? string.Join(",", f) : "",
        (c, n, o) => c.Dataset.Features = Checked(o, () => string.Join(",", PlaygroundFeatures.Parse(FeatureText(n, o)))).Split(',').ToList());

    public static ConfigKey Path { get; } = new("dataset.path", "a file path", "csv: the data file (what csv:PATH sets).",
        c => c.Dataset.Path ?? "", (c, n, o) => c.Dataset.Path = Text(n, o, "a file path"));

    public static ConfigKey TestPath { get; } = new("dataset.test_path", "a file path",
        "csv: a separate test file with the same header (what csv:TRAIN.csv,TEST.csv sets). Empty: the test split is drawn from the data file.",
        c => c.Dataset.TestPath ?? "", (c, n, o) => c.Dataset.TestPath = Text(n, o, "a file path"));

    public static ConfigKey LabelColumn { get; } = new("dataset.label_column", "a column name", "csv: the label (or target) column. Empty: the last column.",
        c => c.Dataset.LabelColumn ?? "", (c, n, o) => c.Dataset.LabelColumn = Text(n, o, "a column name"));

    public static ConfigKey Task { get; } = new("dataset.task", "classification or regression",
        "csv: classification (text or integer labels) or regression (a numeric target, standardised). Empty: classification.",
        c => c.Dataset.Task ?? "", (c, n, o) => c.Dataset.Task = OneOf(n, o, ["classification", "regression"]));

    public static ConfigKey DropColumns { get; } = new("dataset.drop_columns", "column names such as [date, id]",
        "csv: columns left out of the features (names, comma-separated or a list). Empty: none.",
        c => c.Dataset.DropColumns is { } d ? string.Join(",", d) : "",
        (c, n, o) => c.Dataset.DropColumns = CsvOptions.ParseColumnList(ColumnListText(n, o)).ToList());

    public static ConfigKey TestFraction { get; } = new("dataset.test_fraction", "a number in (0, 1)",
        "csv with one file: the share of rows held out for testing, drawn with the base seed. Empty: 0.2.",
        c => Num(c.Dataset.TestFraction), (c, n, o) => c.Dataset.TestFraction = Number(n, o, v => v is > 0 and < 1, "a number in (0, 1)"));

    public static ConfigKey TrainSubset { get; } = new("dataset.train_subset", "a positive whole number",
        "Train on the first N samples of the training split only. Empty: all of them.",
        c => Int(c.Dataset.TrainSubset), (c, n, o) => c.Dataset.TrainSubset = PositiveInt(n, o));

    public static ConfigKey TestSubset { get; } = new("dataset.test_subset", "a positive whole number",
        "Test on the first N samples of the test split only. Empty: all of them.",
        c => Int(c.Dataset.TestSubset), (c, n, o) => c.Dataset.TestSubset = PositiveInt(n, o));

    /// <summary>
    /// The key dataset.NAME of a toy generator's setting, from its one declaration; left out of config.yaml when not set
    /// (the set's own default).
    /// </summary>
    private static ConfigKey ToyKey(ToyOption option) => new("dataset." + option.Name, option.Expected,
        () => $"Toy sets: {option.Description} Empty: {option.SharedDefault ?? "the set's own default"}.",
        c => c.Dataset.Toy.TryGetValue(option.Name, out double v) ? option.Format(v) : "",
        (c, n, o) => c.Dataset.Toy = c.Dataset.Toy.SetItem(option.Name, option.Count ? PositiveInt(n, o) : Number(n, o, option.Valid, option.Expected)));

    /// <summary>The keys written out above, in order (<see cref="ConfigKeys.Declared"/>).</summary>
    public static IReadOnlyList<ConfigKey> Declared { get; } = [Name, Features, Path, TestPath, LabelColumn, Task, DropColumns, TestFraction, TrainSubset, TestSubset];

    /// <summary>The dataset keys in the order config.yaml and the config reference list them: the declared ones, then one per toy setting.</summary>
    public static IReadOnlyList<ConfigKey> All => Generated.All;

    /// <summary>Made on first use, not with the declarations (<see cref="ConfigKeys.Declared"/>).</summary>
    private static class Generated
    {
        public static readonly IReadOnlyList<ConfigKey> All = [.. Declared, .. ToyOptions.All.Select(ToyKey)];
    }
}
