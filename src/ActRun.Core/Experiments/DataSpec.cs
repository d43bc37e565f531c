using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Data.Csv;
using ActRun.Core.Data.Toy;

namespace ActRun.Core.Experiments;

/// <summary>
/// Which data a run trains on: the dataset spec (name, toy or CSV options, input features), its subsets and the
/// seed the toy data and CSV split are drawn from (the experiment's base seed, so every variant and seed of an
/// experiment sees the same points). Two specs are the same data exactly when their <see cref="Key"/>s are equal.
/// </summary>
public sealed class DataSpec : IEquatable<DataSpec>
{
    private DataSpec(DatasetSpec spec, int? trainSubset, int? testSubset, ulong seed)
    {
        Spec = spec;
        TrainSubset = trainSubset;
        TestSubset = testSubset;
        Seed = seed;
    }

    public DatasetSpec Spec { get; }
    public int? TrainSubset { get; }
    public int? TestSubset { get; }
    public ulong Seed { get; }

    public string Name => Spec.Name;
    public bool IsToy => Spec.Kind == DatasetKind.Toy;

    /// <summary>
    /// The spec of a (variant's) config: the name's spec text with the mapping's options and features folded in.
    /// A bad combination (noise on MNIST, features on a CSV file) is a config error at the key that was written.
    /// </summary>
    public static DataSpec From(ExperimentConfig config)
    {
        var d = config.Dataset;
        var spec = At("dataset.name", () => DatasetSpec.Parse(d.Name));
        (string Key, string? Value)[] options =
        [
            .. ToyOptions.All.Select(o => (o.Name, d.Toy.TryGetValue(o.Name, out double v) ? o.Format(v) : null)),
            (CsvOptions.PathKey, d.Path), (CsvOptions.TestPathKey, d.TestPath), (CsvOptions.LabelColumnKey, d.LabelColumn),
            (CsvOptions.TaskKey, d.Task), (CsvOptions.TestFractionKey, Num(d.TestFraction)),
            (CsvOptions.DropColumnsKey, d.DropColumns is { } dropped ? string.Join(",", dropped) : null),
        ];
        foreach (var (key, value) in options.Where(o => o.Value is not null))
            spec = At($"dataset.{key}", () => spec.WithOption(key, value!));
        if (d.Features is { } features) spec = At("dataset.features", () => spec.WithFeatures(features));
        return new DataSpec(spec, d.TrainSubset, d.TestSubset, config.Seed);

        // A combination that does not fit (noise on MNIST, features on a CSV file) is blamed where it was written.
        DatasetSpec At(string key, Func<DatasetSpec> make)
        {
            try
            {
                return make();
            }
            catch (ConfigException e)
            {
                throw config.ErrorAt(key, e.Message);
            }
        }
    }

    /// <summary>
    /// The output activation "auto" stands for on this data: several classes → softmax, two → sigmoid, regression →
    /// linear. Toy and image sets are known without loading; a CSV file is read once to find out.
    /// </summary>
    public string AutoOutput => Spec.Kind switch
    {
        DatasetKind.Toy => "sigmoid",
        DatasetKind.Images => "softmax",
        _ => _csvOutput ??= CsvOutput(),
    };

    private string? _csvOutput;

    private string CsvOutput()
    {
        var data = Load(null);
        return data.Task == TaskKind.Regression ? "linear" : data.ClassCount == 2 ? "sigmoid" : "softmax";
    }

    /// <summary>
    /// The canonical text of this data, part of every run id: <c>circles(noise=0.2) seed=42</c>,
    /// <c>mnist train_subset=10000</c>, <c>circles features=x1^2,x2^2 seed=42</c>. The seed only appears where
    /// data is drawn from it (toy sets, CSV splits); image sets are files.
    /// </summary>
    public string Key
    {
        get
        {
            var parts = new List<string> { Spec.ToString() };
            if (!PlaygroundFeatures.IsDefault(Spec.Features)) parts.Add($"features={string.Join(",", Spec.Features)}");
            if (TrainSubset is int train) parts.Add($"train_subset={train.ToString(CultureInfo.InvariantCulture)}");
            if (TestSubset is int test) parts.Add($"test_subset={test.ToString(CultureInfo.InvariantCulture)}");
            if (Spec.Kind != DatasetKind.Images) parts.Add($"seed={Seed.ToString(CultureInfo.InvariantCulture)}");
            return string.Join(" ", parts);
        }
    }

    /// <summary>A toy subset larger than the generated split, found before any data is loaded, with the key to blame.</summary>
    public (string Key, string Message)? Problem()
    {
        if (!IsToy) return null;
        var options = Spec.ToToyOptions();
        if (TrainSubset > options.TrainSize)
            return ("dataset.train_subset", $"train_subset {TrainSubset} is more than the {options.TrainSize} training points of '{Name}'; lower it or raise train_size.");
        if (TestSubset > options.TestSize)
            return ("dataset.test_subset", $"test_subset {TestSubset} is more than the {options.TestSize} test points of '{Name}'; lower it or raise test_size.");
        return null;
    }

    public Dataset Load(string? dataDirectory) =>
        DatasetCatalog.Load(Spec, new DatasetLoadOptions(dataDirectory, Seed, TrainSubset, TestSubset));

    public bool Equals(DataSpec? other) => other is not null && Key == other.Key;
    public override bool Equals(object? obj) => obj is DataSpec other && Equals(other);
    public override int GetHashCode() => Key.GetHashCode(StringComparison.Ordinal);
    public override string ToString() => Key;

    private static string? Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture);
}
