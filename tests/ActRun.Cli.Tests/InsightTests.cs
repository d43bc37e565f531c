using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>Diagnostics, plots and the report, as issue 7 asks for them.</summary>
public class InsightTests
{
    [Fact]
    public void Deep_sigmoid_gets_under_a_tenth_of_relus_first_layer_gradient_and_the_report_shows_it()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--activations", "relu,sigmoid", "--dataset", "circles", "--hidden", "32,32,32,32,32,32",
            "--epochs", "3", "--format", "csv", "-q", "--out", dir);
        Assert.True(result.ExitCode == 0, result.Error);

        // stdout stays a clean CSV: the summary header and one row per activation.
        Assert.Equal(3, result.Out.TrimEnd('\n').Split('\n').Length);
        Assert.StartsWith("activation,", result.Out);

        var layers = CsvFiles.Read<LayerRecord>(Path.Combine(dir, "layers.csv"));
        Assert.Equal(2 * 3 * 7, layers.Count);
        double First(string activation) => layers.Single(l => l.Activation == activation && l.Epoch == 1 && l.Layer == 1).GradNorm;
        Assert.True(First("sigmoid") < First("relu") / 10, $"sigmoid {First("sigmoid")} vs relu {First("relu")}");
        Assert.All(layers, l => Assert.InRange(l.DeadFraction, 0, 1));

        foreach (string png in new[] { "accuracy.png", "loss.png", "final_accuracy.png", "gradient_norms.png", "regions_relu.png", "regions_sigmoid.png",
                     "regions.png", "activations.png" })
            Assert.True(new FileInfo(Path.Combine(dir, png)).Length > 10_000, png);
        // A classification has no regression scores: neither columns nor plots.
        Assert.DoesNotContain("test_rmse", File.ReadLines(Path.Combine(dir, "metrics.csv")).First());
        Assert.False(File.Exists(Path.Combine(dir, "final_r2.png")));
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("![", report);
        Assert.Contains("(accuracy.png)", report);
        Assert.Contains("(regions_relu.png)", report);
        Assert.Contains("(regions.png)", report);
        Assert.Contains("(activations.png)", report);
        Assert.Contains("sigmoid's first layer receives 1/", report);
        // One seed: the verdict table names the pair but gives no verdict.
        Assert.Contains("| `relu` vs `sigmoid` | test accuracy | ", report);
        Assert.Contains("| 1 seed: too few for a verdict (3 or more needed) |", report);
        Assert.DoesNotContain("relu better", report);
    }

    [Fact]
    public void Report_rebuilds_plots_and_report_from_the_csv_files_alone()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("compare", "-a", "relu,linear", "--epochs", "2", "-q", "--no-plots", "--out", dir).ExitCode);
        Assert.False(File.Exists(Path.Combine(dir, "accuracy.png")));
        string before = File.ReadAllText(Path.Combine(dir, "report.md"));
        File.Delete(Path.Combine(dir, "report.md"));

        var result = CliRunner.Run("report", dir);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(dir, "accuracy.png")));
        string after = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("(accuracy.png)", after);
        Assert.Equal(before.Split("## Summary")[0], after.Split("## Summary")[0]);
    }

    [Fact]
    public void No_diagnostics_writes_no_layer_or_region_files_and_the_same_metrics()
    {
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("compare", "-a", "relu,tanh", "--epochs", "2", "-q", "--no-plots", "--out", a).ExitCode);
        Assert.Equal(0, CliRunner.Run("compare", "-a", "relu,tanh", "--epochs", "2", "-q", "--no-plots", "--no-diagnostics", "--out", b).ExitCode);
        Assert.True(File.Exists(Path.Combine(a, "layers.csv")));
        Assert.False(File.Exists(Path.Combine(b, "layers.csv")));
        Assert.False(File.Exists(Path.Combine(b, "regions.csv")));
        static IEnumerable<string> Numbers(string dir) => CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv"))
            .Select(m => $"{m.Activation} {m.Seed} {m.Epoch} {m.TrainLoss:R} {m.TestAccuracy:R}");
        Assert.Equal(Numbers(a), Numbers(b));
    }

    [Fact]
    public void Report_on_a_folder_that_is_not_a_result_is_a_usage_error()
    {
        var result = CliRunner.Run("report", CliRunner.TempDir());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a result folder", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
