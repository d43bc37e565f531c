using ActRun.Core.Data;
using ActRun.Core.Data.Csv;

namespace ActRun.Core.Tests.Data;

public sealed class DatasetSpecTests
{
    [Theory]
    [InlineData("circles", "circles")]
    [InlineData(" Spiral ( noise = 0.20 ) ", "spiral(noise=0.2)")]
    [InlineData("spiral(noise=0.05)", "spiral")]
    [InlineData("moons(test_size=100, noise=0.3)", "moons(noise=0.3, test_size=100)")]
    [InlineData("Fashion-MNIST", "fashion_mnist")]
    [InlineData("csv:data/iris.csv", "csv:data/iris.csv")]
    [InlineData("csv:train.csv, test.csv", "csv:train.csv,test.csv")]
    [InlineData("csv(path=a.csv, task=regression)", "csv(path=a.csv, task=regression)")]
    [InlineData("csv(path='my, file.csv')", "csv(path=\"my, file.csv\")")]
    public void Parse_gives_the_canonical_text_and_the_text_parses_back_equal(string text, string canonical)
    {
        var spec = DatasetSpec.Parse(text);

        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, DatasetSpec.Parse(spec.ToString()));
    }

    [Fact]
    public void Toy_options_reach_the_generator_settings()
    {
        var options = DatasetSpec.Parse("spiral(noise=0.2, train_size=2000, test_size=300)").ToToyOptions();

        Assert.Equal(new ActRun.Core.Data.Toy.ToyOptions(0.2, 2000, 300), options);
    }

    [Fact]
    public void Create_takes_a_config_mapping_for_csv()
    {
        var spec = DatasetSpec.Create("csv", new Dictionary<string, string> { ["path"] = "d.csv", ["label_column"] = "y", ["task"] = "Regression" });

        Assert.Equal(DatasetKind.Csv, spec.Kind);
        Assert.Equal(new CsvOptions("d.csv", null, "y", TaskKind.Regression), spec.ToCsvOptions());
        Assert.Equal("csv(path=d.csv, label_column=y, task=regression)", spec.ToString());
    }

    [Theory]
    [InlineData("spiral(nosie=0.2)", "Dataset 'spiral': unknown option 'nosie'. Did you mean 'noise'? Known: noise, train_size, test_size.")]
    [InlineData("spiral(noise=-1)", "spiral: noise must be a number >= 0, not -1.")]
    [InlineData("spiral(train_size=1.5)", "Dataset 'spiral': train_size must be a whole number, got '1.5'.")]
    [InlineData("mnist(noise=0.1)", "Dataset 'mnist' is read from files and takes no options, got 'noise' (noise, train_size and test_size are the toy sets'; use train_subset and test_subset for part of it).")]
    [InlineData("spiral(noise=0.2", "Dataset 'spiral(noise=0.2': expected ')' at the end, as in spiral(noise=0.2).")]
    [InlineData("csv:", "Dataset 'csv:': write csv:PATH or csv:TRAIN.csv,TEST.csv.")]
    [InlineData("csv(path=a.csv, test_fraction=1)", "--test-fraction must be between 0 and 1 (exclusive), got 1.")]
    [InlineData("csv(path=a.csv, test_path=b.csv, test_fraction=0.3)", "--test-fraction applies to one CSV file; with csv:TRAIN.csv,TEST.csv the test file is the test split.")]
    public void Bad_spec_is_a_config_error_that_names_the_problem(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => DatasetSpec.Parse(text));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void Features_are_canonicalised_and_kept_apart_from_the_text()
    {
        var spec = DatasetSpec.Parse("circles", "X1^2, x2²");

        Assert.Equal(["x1^2", "x2^2"], spec.Features);
        Assert.Equal("circles", spec.ToString());
        Assert.NotEqual(DatasetSpec.Parse("circles"), spec);
    }

    [Fact]
    public void Features_on_a_dataset_without_x1_x2_are_a_config_error()
    {
        var e = Assert.Throws<ConfigException>(() => DatasetSpec.Parse("mnist", "x1^2"));

        Assert.Contains("--features applies to the 2-D toy datasets", e.Message);
    }
}
