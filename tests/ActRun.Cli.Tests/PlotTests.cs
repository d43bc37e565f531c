using System.Buffers.Binary;
using System.Globalization;
using ActRun.Core.Results;
using ActRun.Plots;

namespace ActRun.Cli.Tests;

/// <summary>Plots that read at a glance (issue 15.4): zoomed bars, whole epochs, regions by variant, regression's own metrics.</summary>
public class PlotTests
{
    [Fact]
    public void Bars_close_to_one_are_zoomed_so_zero_is_not_on_the_axis()
    {
        var (low, high) = PlotAxes.BarLimits([0.99, 0.92], [0.985, 0.91], [0.995, 0.93]);

        Assert.True(low > 0.5, $"axis starts at {low}");
        Assert.True(low < 0.91 && high > 0.995, $"axis {low}..{high} cuts off a whisker");
    }

    [Fact]
    public void Bars_near_zero_keep_zero_and_non_negative_data_never_get_a_negative_axis()
    {
        var (low, _) = PlotAxes.BarLimits([0.05, 0.9], [0, 0.8], [0.1, 1]);
        Assert.Equal(0, low);

        // A very wide interval (two seeds) does not drag the axis far below the bars.
        var (wideLow, _) = PlotAxes.BarLimits([0.96, 0.97], [-1.0, 0.95], [1.0, 0.99]);
        Assert.True(wideLow > 0.9, $"axis starts at {wideLow}");
    }

    [Theory]
    [InlineData(1, 3, 3)]
    [InlineData(1, 40, 10)]
    [InlineData(1, 1, 1)]
    [InlineData(1, 250, 10)]
    public void Epoch_ticks_are_whole_numbers_evenly_spaced_within_the_range(int first, int last, int most)
    {
        var ticks = PlotAxes.IntegerTicks(first, last);

        Assert.InRange(ticks.Count, 1, most);
        Assert.All(ticks, t => Assert.InRange(t, first, last));
        Assert.True(ticks.Zip(ticks.Skip(1), (a, b) => b - a).Distinct().Count() <= 1, string.Join(",", ticks));
        if (last - first < 10) Assert.Equal(Enumerable.Range(first, last - first + 1), ticks);
    }

    [Theory]
    [InlineData("activation=relu hidden=[64,64,64,64,64]", "activation=relu hidden=[64×5]")]
    [InlineData("hidden=[100,10]", "hidden=[100,10]")]
    [InlineData("hidden=[8,8,8,4,4]", "hidden=[8×3,4,4]")]
    [InlineData("relu", "relu")]
    // A layer spec's items hold parentheses: left as they are.
    [InlineData("layers=[dense(8), act, dense(8), act, dense(8), act]", "layers=[dense(8), act, dense(8), act, dense(8), act]")]
    public void A_legend_writes_a_run_of_three_or_more_equal_list_items_once_with_its_count(string label, string shown)
    {
        Assert.Equal(shown, LegendLabel.Short(label));
    }

    [Fact]
    public void A_deviation_gets_a_log_axis_only_when_its_positive_values_span_more_than_twenty_fold()
    {
        static BandPoint At(double min, double max) => new(1, (min + max) / 2, min, max, double.NaN, 2);

        Assert.True(DepthPlots.IsWide([At(0.5, 0.9), At(1, 37)]));
        Assert.False(DepthPlots.IsWide([At(0.3, 1.7), At(0.4, 1.0)]));
        // A zero cannot go on a log axis.
        Assert.False(DepthPlots.IsWide([At(0, 0.9), At(1, 37)]));
    }

    [Fact]
    public void Each_variant_gets_a_named_regions_file_and_the_grid_grows_with_the_variant_count()
    {
        (int Width, int Height) Grid(params string[] variants)
        {
            string folder = CliRunner.TempDir();
            var written = ResultPlots.WriteAll(folder, Synthetic(variants));
            foreach (string file in ResultFolder.RegionsFiles(variants)) Assert.True(File.Exists(Path.Combine(folder, file)), file);
            Assert.Contains(written, p => p.File == ResultFolder.RegionsGridFile);
            return PngSize(Path.Combine(folder, ResultFolder.RegionsGridFile));
        }

        var two = Grid("relu", "tanh");
        var four = Grid("relu", "tanh", "sigmoid", "gelu");
        var nine = Grid("relu", "tanh", "sigmoid", "gelu", "elu", "selu", "silu", "softplus", "leaky_relu(alpha=0.1)");

        Assert.Equal((2 * ResultPlots.TileWidth, ResultPlots.TileHeight), two);
        Assert.Equal((4 * ResultPlots.TileWidth, ResultPlots.TileHeight), four);
        Assert.Equal((3 * ResultPlots.TileWidth, 3 * ResultPlots.TileHeight), nine);
    }

    [Fact]
    public void A_regression_comparison_shows_loss_rmse_mae_and_r2_and_no_accuracy_anywhere()
    {
        string dir = CliRunner.TempDir();
        string csv = Path.Combine(dir, "reg.csv");
        File.WriteAllLines(csv, TestCsv.SineData(300));
        string folder = Path.Combine(dir, "res");

        var result = CliRunner.Run("compare", "--activations", "relu,tanh,linear,gelu", "--dataset", "csv:" + csv, "--task", "regression",
            "--epochs", "4", "--seeds", "2", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        string[] table = result.Out.TrimEnd('\n').Split('\n');
        Assert.Equal(["activation", "loss", "rmse", "mae", "r2"], table[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
        Assert.DoesNotContain("acc", table[0]);
        Assert.DoesNotContain("NaN", result.Out, StringComparison.OrdinalIgnoreCase);
        var progress = result.Error.Split('\n').Where(l => l.Contains("epoch ", StringComparison.Ordinal) && l.Contains("seed", StringComparison.Ordinal)).ToList();
        Assert.Equal(4 * 2 * 4, progress.Count);
        Assert.All(progress, l => Assert.Contains(" rmse ", l));
        Assert.DoesNotContain("NaN", result.Error);

        Assert.False(File.Exists(Path.Combine(folder, "accuracy.png")));
        Assert.False(File.Exists(Path.Combine(folder, "final_accuracy.png")));
        foreach (string png in new[] { "loss.png", "rmse.png", "final_r2.png", "activations.png" })
            Assert.True(new FileInfo(Path.Combine(folder, png)).Length > 10_000, png);

        string[] header = File.ReadLines(Path.Combine(folder, "metrics.csv")).First().Split(',');
        Assert.Equal("run_id", header[0]);
        Assert.Equal(["test_rmse", "test_mae", "test_r2"], header[^3..]);
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(folder, "metrics.csv"));
        // The loss is the mean squared error: RMSE² is the test loss (to float rounding of the differences).
        Assert.All(metrics, m => Assert.Equal(m.TestLoss, m.TestRmse!.Value * m.TestRmse.Value, 1e-6 * m.TestLoss));
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(folder, "summary.csv")).ToDictionary(s => s.Activation);
        // y = sin(x1) + x2² is not linear: a nonlinear network explains more of it than the linear one.
        Assert.True(summary["tanh"].TestR2 > summary["linear"].TestR2, $"tanh R² {summary["tanh"].TestR2}, linear {summary["linear"].TestR2}");
        Assert.All(summary.Values, s => Assert.True(double.IsFinite(s.TestMae!.Value)));

        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("| RMSE | MAE | R² |", report);
        Assert.DoesNotContain("test accuracy", report);
        Assert.DoesNotContain("(final_accuracy.png)", report);
    }


    /// <summary>A folder's report data with decision regions (a 3×3 grid of cells) for each variant.</summary>
    private static ReportData Synthetic(string[] variants)
    {
        var summary = variants.Select(v => new SummaryRecord { Activation = v, Label = v, Seeds = 1, Epochs = 1, N = 1, TestAccuracy = 0.9, Status = "ok" }).ToList();
        var metrics = variants.Select(v => new MetricRecord { Activation = v, Seed = 1, Epoch = 1, TrainLoss = 0.3, TestLoss = 0.3, TrainAccuracy = 0.9, TestAccuracy = 0.9 }).ToList();
        var regions = (from v in variants from x in new[] { -1f, 0f, 1f } from y in new[] { -1f, 0f, 1f }
                       select new RegionRecord { Activation = v, Seed = 1, X1 = x, X2 = y, P = (x + 1) / 2 }).ToList();
        PointRecord[] points = [new() { X1 = -0.5f, X2 = 0, Label = 0 }, new() { X1 = 0.5f, X2 = 0, Label = 1 }];
        return new ReportData("", summary, metrics, [], regions, points);
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        byte[] head = File.ReadAllBytes(path)[..24];
        return (BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(head.AsSpan(20)));
    }
}
