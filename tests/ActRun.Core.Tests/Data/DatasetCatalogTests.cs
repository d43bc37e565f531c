using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data;

public sealed class DatasetCatalogTests
{
    [Fact]
    public void Known_lists_every_dataset_once_with_a_description()
    {
        Assert.Equal(
            ["circles", "xor", "moons", "spiral", "blobs", "mnist", "fashion_mnist"],
            DatasetCatalog.Known.Select(d => d.Name));
        Assert.All(DatasetCatalog.Known, d => Assert.False(string.IsNullOrWhiteSpace(d.Description)));
    }

    [Fact]
    public void Misspelt_name_is_a_config_error_suggesting_the_closest_and_listing_all()
    {
        var e = Assert.Throws<ConfigException>(() => DatasetCatalog.Load("mnsit", new DatasetLoadOptions()));

        Assert.Equal(
            "Unknown dataset 'mnsit'. Did you mean 'mnist'? Known: circles, xor, moons, spiral, blobs, mnist, fashion_mnist; or csv:PATH for your own file.",
            e.Message);
    }

    [Fact]
    public void Unrelated_name_gets_no_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => DatasetCatalog.Load("imagenet", new DatasetLoadOptions()));

        Assert.DoesNotContain("Did you mean", e.Message);
        Assert.StartsWith("Unknown dataset 'imagenet'. Known: ", e.Message);
    }

    [Theory]
    [InlineData("spirals", "spiral")]
    [InlineData("fashion-mnsit", "fashion_mnist")]
    [InlineData("circels", "circles")]
    public void Suggestion_is_the_canonical_name(string typed, string suggested)
    {
        var e = Assert.Throws<ConfigException>(() => DatasetCatalog.Canonical(typed));

        Assert.Contains($"Did you mean '{suggested}'?", e.Message);
    }

    [Theory]
    [InlineData("Fashion-MNIST", "fashion_mnist")]
    [InlineData(" Circles ", "circles")]
    [InlineData("mnist", "mnist")]
    public void Names_are_case_insensitive_and_accept_aliases(string typed, string canonical)
    {
        Assert.Equal(canonical, DatasetCatalog.Canonical(typed));
    }

    [Fact]
    public void Toy_dataset_loads_from_the_seed_with_subsets()
    {
        var options = new DatasetLoadOptions(Seed: 99, TrainSubset: 100, TestSubset: 50);

        Dataset data = DatasetCatalog.Load("moons", options);

        Assert.Equal((100, 50), (data.Train.Count, data.Test.Count));
        Assert.Equal(
            ((FloatFeatures)DatasetCatalog.Load("moons", options with { TrainSubset = null }).Train.Features).Data[..200].ToArray(),
            ((FloatFeatures)data.Train.Features).Data.ToArray());
    }

    [Fact]
    public void Mnist_is_read_from_the_given_data_directory()
    {
        using var dir = new TempDirectory();

        var e = Assert.Throws<DataException>(() => DatasetCatalog.Load("mnist", new DatasetLoadOptions(DataDirectory: dir.Path)));

        Assert.Contains(Path.Combine(dir.Path, "mnist", "train-images-idx3-ubyte"), e.Message);
    }

    [MnistDataFact("mnist")]
    public void Real_mnist_loads_through_the_catalog_with_subsets()
    {
        Dataset data = DatasetCatalog.Load("mnist", new DatasetLoadOptions(TrainSubset: 1000, TestSubset: 200, DataDirectory: TestData.Directory));

        Assert.Equal((1000, 200, 784), (data.Train.Count, data.Test.Count, data.FeatureCount));
        Assert.IsType<ByteFeatures>(data.Train.Features);
    }
}
