using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>compare with the dataset options: toy settings, Playground features, the user's CSV file.</summary>
public class CompareDatasetOptionsTests
{
    [Fact]
    public void Squared_features_let_a_linear_network_solve_circles()
    {
        string dir = CliRunner.TempDir();
        var raw = CliRunner.Run("compare", "-a", "linear", "--dataset", "circles", "--epochs", "20", "-q", "--out", Path.Combine(dir, "raw"));
        var squared = CliRunner.Run("compare", "-a", "linear", "--dataset", "circles", "--epochs", "20", "-q", "--features", "x1^2,x2^2", "--out", Path.Combine(dir, "sq"));

        Assert.True(raw.ExitCode == 0 && squared.ExitCode == 0, raw.Error + squared.Error);
        double Accuracy(string name) => CsvFiles.Read<SummaryRecord>(Path.Combine(dir, name, "summary.csv"))[0].TestAccuracy;
        Assert.True(Accuracy("raw") < 0.7, $"raw {Accuracy("raw")}");
        Assert.True(Accuracy("sq") > 0.95, $"squared {Accuracy("sq")}");
        var config = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "sq", "config.yaml")));
        Assert.Equal(["x1^2", "x2^2"], config.Dataset.Features);
        Assert.Null(ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "raw", "config.yaml"))).Dataset.Features);
    }

    [Fact]
    public void Toy_options_are_part_of_the_dataset_name_in_the_config()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "-a", "relu", "--epochs", "1", "-q", "--dataset", "spiral(noise=0.2, train_size=200)", "--out", dir);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("spiral(noise=0.2, train_size=200)", ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml"))).Dataset.Name);
    }

    [Fact]
    public void A_csv_file_trains_with_its_label_column()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "points.csv");
        // The class is the sign of u; v is noise, and the label column is not the last one.
        File.WriteAllText(csv, "u,label,v\n" + string.Concat(Enumerable.Range(0, 100).Select(i => $"{i - 49.5},{(i < 50 ? "neg" : "pos")},{i % 7}\n")));

        var result = CliRunner.Run("compare", "-a", "relu", "--epochs", "30", "-q", "--dataset", $"csv:{csv}", "--label-column", "label",
            "--test-fraction", "0.25", "--out", Path.Combine(dir, "out"));

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "out", "summary.csv"))[0];
        Assert.True(summary.TestAccuracy > 0.9, $"{summary.TestAccuracy}");
        var config = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "out", "config.yaml")));
        Assert.Equal($"csv(path={csv}, label_column=label, test_fraction=0.25)", config.Dataset.Name);
    }

    [Fact]
    public void A_csv_regression_target_trains_with_mean_squared_error()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "line.csv");
        File.WriteAllText(csv, "x,y\n" + string.Concat(Enumerable.Range(0, 50).Select(i => $"{i},{0.1 * i + 1}\n")));

        var result = CliRunner.Run("compare", "-a", "relu", "--epochs", "5", "-q", "--dataset", $"csv:{csv}", "--task", "regression", "--out", Path.Combine(dir, "out"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("linear", ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "out", "config.yaml"))).Model.Output);
        // Regression has no accuracy: compare's validation split chooses the epoch of the lowest validation loss, and the
        // summary reports the test loss of that epoch.
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "out", "metrics.csv"));
        var summary = Assert.Single(CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "out", "summary.csv")));
        var best = metrics.MinBy(m => m.ValLoss)!;
        Assert.Equal(best.Epoch, summary.BestEpoch);
        Assert.Equal(best.TestLoss, summary.TestLoss);
        Assert.All(metrics, m => Assert.Null(m.ValAccuracy));
        Assert.Null(summary.ValAccuracy);
    }

    [Fact]
    public void Ragged_csv_is_a_data_error_naming_file_and_line()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "ragged.csv");
        File.WriteAllText(csv, "a,b,y\n1,2,x\n1,2,3,y\n");

        var result = CliRunner.Run("compare", "--dataset", $"csv:{csv}", "--out", Path.Combine(dir, "out"));

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"actrun: {csv}:3: 4 fields, but the header has 3. Every row needs one value per column.", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir, "out")));
    }

    [Theory]
    [InlineData("--label-column", "y", "actrun: --label-column applies to csv datasets (--dataset csv:PATH), not to 'spiral'.")]
    [InlineData("--features", "x3", "actrun: --features: unknown feature 'x3'. Did you mean 'x1'? Known: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).")]
    public void Dataset_options_that_do_not_apply_are_usage_errors(string option, string value, string message)
    {
        var result = CliRunner.Run("compare", option, value, "--out", Path.Combine(CliRunner.TempDir(), "out"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(message, result.Error.Trim());
    }

    [Fact]
    public void A_csv_text_column_is_one_hot_encoded_and_drop_columns_removes_a_column()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "cities.csv");
        // The class is the city's side of the river: only the text column carries it; id and date would be refused.
        string[] cities = ["Lyon", "Paris", "Oslo", "Rome"];
        File.WriteAllText(csv, "id,date,city,noise,side\n" + string.Concat(Enumerable.Range(0, 120).Select(i =>
            $"{i},2024-{1 + i / 28:00}-{1 + i % 28:00},{cities[i % 4]},{i % 5},{(i % 4 < 2 ? "left" : "right")}\n")));

        var refused = CliRunner.Run("compare", "-a", "relu", "--epochs", "1", "-q", "--dataset", $"csv:{csv}", "--drop-columns", "id", "--out", Path.Combine(dir, "refused"));
        var result = CliRunner.Run("compare", "-a", "relu", "--epochs", "40", "-q", "--dataset", $"csv:{csv}", "--drop-columns", "id,date",
            "--out", Path.Combine(dir, "out"), "--save-model");

        Assert.Equal(3, refused.ExitCode);
        Assert.Equal($"actrun: {csv}: text column 'date' has 96 different values in 96 training rows (an id, a date or free text?), too many to one-hot encode (at most 50, and at most half the rows). Drop it with --drop-columns date.",
            refused.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir, "refused")));
        Assert.True(result.ExitCode == 0, result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "out", "summary.csv"))[0];
        Assert.True(summary.TestAccuracy == 1.0, $"{summary.TestAccuracy}");
        var config = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "out", "config.yaml")));
        Assert.Equal($"csv(path={csv}, drop_columns=\"id,date\")", config.Dataset.Name);
        var model = Directory.GetFiles(Path.Combine(dir, "out", "models")).Single();
        var header = Core.Models.ModelFile.Read(model).Header;
        Assert.Equal(["city=Lyon", "city=Oslo", "city=Paris", "city=Rome", "noise"], header.Dataset.FeatureNames);

        // The same model on the same data evaluates; on data whose text column has other categories (as many) it is refused.
        string other = Path.Combine(dir, "other.csv");
        File.WriteAllText(other, File.ReadAllText(csv).Replace("Rome", "Bern"));
        var same = CliRunner.Run("evaluate", model, "--format", "csv");
        var renamed = CliRunner.Run("evaluate", model, "--dataset", $"csv(path={other}, drop_columns='id,date')");
        Assert.True(same.ExitCode == 0, same.Error);
        Assert.Equal(2, renamed.ExitCode);
        Assert.Contains("its text columns must have the same categories", renamed.Error);
    }
}
