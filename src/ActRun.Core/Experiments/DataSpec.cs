using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Data.Toy;

namespace ActRun.Core.Experiments;

/// <summary>
/// Which data a run trains on: the dataset, its subsets, the toy generator's settings and the seed the toy data
/// is drawn from (the experiment's base seed, so every variant and seed of an experiment sees the same points).
/// </summary>
public sealed record DataSpec(string Name, int? TrainSubset, int? TestSubset, double? Noise, int? TrainSize, int? TestSize, ulong Seed)
{
    public static DataSpec From(ExperimentConfig config) =>
        new(config.Dataset.Name, config.Dataset.TrainSubset, config.Dataset.TestSubset, config.Dataset.Noise,
            config.Dataset.TrainSize, config.Dataset.TestSize, config.Seed);

    public bool IsToy => DatasetCatalog.FindToy(Name) is not null;

    /// <summary>Classes, known without loading: toy sets have two, the MNIST-layout sets ten.</summary>
    public int ClassCount => IsToy ? 2 : MnistLayout.ClassCount;

    /// <summary>
    /// The canonical text of this data, part of every run id: <c>circles(noise=0.2) seed=42</c>, <c>mnist train_subset=10000</c>.
    /// The seed only appears for toy data (image sets are files, not draws).
    /// </summary>
    public string Key
    {
        get
        {
            var parts = new List<string> { DatasetCatalog.FindToy(Name) is { } toy ? toy.Label(ToyOptions(toy)) : Name };
            if (TrainSubset is int train) parts.Add($"train_subset={train.ToString(CultureInfo.InvariantCulture)}");
            if (TestSubset is int test) parts.Add($"test_subset={test.ToString(CultureInfo.InvariantCulture)}");
            if (IsToy) parts.Add($"seed={Seed.ToString(CultureInfo.InvariantCulture)}");
            return string.Join(" ", parts);
        }
    }

    /// <summary>
    /// What is wrong with these settings together, found before any data is loaded, with the key to blame:
    /// generator settings on a dataset read from files, or a toy subset larger than the generated split.
    /// </summary>
    public (string Key, string Message)? Problem()
    {
        if (DatasetCatalog.FindToy(Name) is { } toy)
        {
            var options = ToyOptions(toy);
            if (TrainSubset > options.TrainSize)
                return ("dataset.train_subset", $"train_subset {TrainSubset} is more than the {options.TrainSize} training points of '{Name}'; lower it or raise train_size.");
            if (TestSubset > options.TestSize)
                return ("dataset.test_subset", $"test_subset {TestSubset} is more than the {options.TestSize} test points of '{Name}'; lower it or raise test_size.");
            return null;
        }
        string? key = Noise is not null ? "dataset.noise" : TrainSize is not null ? "dataset.train_size" : TestSize is not null ? "dataset.test_size" : null;
        return key is null ? null : (key, $"dataset '{Name}' is read from files: noise, train_size and test_size apply to the toy sets only (use train_subset and test_subset).");
    }

    public Dataset Load(string? dataDirectory)
    {
        var dataset = DatasetCatalog.FindToy(Name) is { } toy
            ? toy.Generate(Seed, ToyOptions(toy))
            : DatasetCatalog.Load(Name, new DatasetLoadOptions(dataDirectory, Seed));
        return dataset.WithSubsets(TrainSubset, TestSubset);
    }

    private ToyOptions ToyOptions(ToyGenerator toy) =>
        new(Noise ?? toy.Defaults.Noise, TrainSize ?? toy.Defaults.TrainSize, TestSize ?? toy.Defaults.TestSize);
}
