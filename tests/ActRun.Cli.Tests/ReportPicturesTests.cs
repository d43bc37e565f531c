using ActRun.Core.Results;
using ActRun.Plots;

namespace ActRun.Cli.Tests;

/// <summary>
/// The papers' pictures in every report whose data allows them (issue 18.4): training loss with the seeds' band, each
/// hidden layer's activation statistics through depth, test accuracy against depth for a sweep over depth, and the
/// percentiles of the last hidden layer's activation input over training.
/// </summary>
public class ReportPicturesTests
{
    private static readonly string[] LayerFiles = [DepthPlots.MeanFile, DepthPlots.StdFile, DepthPlots.SaturationFile];

    [Fact]
    public void A_depth_sweep_with_two_seeds_gets_accuracy_against_depth_layer_statistics_and_banded_curves_and_report_redraws_them()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, """
            dataset: {name: circles, train_size: 200, test_size: 100}
            model: {hidden: [8], activation: relu}
            train: {epochs: 2, batch_size: 32, optimizer: sgd, lr: 0.1}
            seeds: 2
            sweep:
              model.activation: [relu, tanh]
              model.hidden: [[8], [8, 8]]
            """);
        string folder = Path.Combine(dir, "res");

        var result = CliRunner.Run("run", config, "-q", "--validation-fraction", "0.2", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        string[] pictures = ["train_loss.png", "val_accuracy.png", DepthPlots.AccuracyFile, .. LayerFiles];
        foreach (string png in pictures)
        {
            Assert.True(new FileInfo(Path.Combine(folder, png)).Length > 10_000, png);
            Assert.True(ResultFolder.IsResultFile(png), $"{png} is not known to --overwrite");
        }
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        foreach (string png in pictures) Assert.Contains($"]({png})", report);
        Assert.Contains("\nTest accuracy against the number of hidden layers, one line per variant without its depth: mean over seeds at each run's reported epoch; band: seeds' min to max.\n", report);
        Assert.Contains("\nTraining loss per epoch, mean over seeds; the band spans the seeds' minimum to maximum.\n", report);
        Assert.Contains("last epoch solid, epoch 1 dashed; band: seeds' min to max.", report);

        // The pictures are made from the CSV files alone, under the same names.
        foreach (string png in pictures) File.Delete(Path.Combine(folder, png));
        var again = CliRunner.Run("report", folder);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.All(pictures, png => Assert.True(File.Exists(Path.Combine(folder, png)), png));
        Assert.Equal(report, File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public void A_run_writes_the_input_percentiles_to_layers_csv_and_draws_them_over_the_epochs()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, """
            dataset: {name: circles, train_size: 200, test_size: 100}
            model: {hidden: [8, 8], activation: sigmoid}
            train: {epochs: 2, batch_size: 32, optimizer: sgd, lr: 0.1}
            seeds: 2
            sweep:
              model.norm: [none, batch]
            """);
        string folder = Path.Combine(dir, "res");

        var result = CliRunner.Run("run", config, "-q", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        string header = File.ReadLines(Path.Combine(folder, "layers.csv")).First();
        Assert.EndsWith(",saturated_fraction,input_p15,input_p50,input_p85", header);
        var rows = CsvFiles.Read<LayerRecord>(Path.Combine(folder, "layers.csv"));
        Assert.Equal(2 * 2 * 2, rows.Select(r => (r.RunId, r.Epoch)).Distinct().Count());
        foreach (var row in rows)
        {
            if (row.LayerKind == "batch_norm")
                Assert.True(double.IsNaN(row.InputP15) && double.IsNaN(row.InputP50) && double.IsNaN(row.InputP85), $"layer {row.Layer}");
            else
                Assert.True(row.InputP15 <= row.InputP50 && row.InputP50 <= row.InputP85 && double.IsFinite(row.InputP85), $"layer {row.Layer} {row.LayerKind}");
        }
        Assert.True(new FileInfo(Path.Combine(folder, InputPercentilePlot.File)).Length > 10_000);
        Assert.True(ResultFolder.IsResultFile(InputPercentilePlot.File), "not known to --overwrite");
        string report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains($"]({InputPercentilePlot.File})", report);
        Assert.Contains("each line is the mean over seeds of the runs' percentiles. Ioffe & Szegedy's Figure 1(b, c).\n", report);
    }

    [Fact]
    public void A_layers_csv_without_the_percentile_columns_is_still_reported_and_gets_no_percentile_picture()
    {
        string folder = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("compare", "-a", "relu,tanh", "--hidden", "8,8", "--epochs", "2", "-q", "--out", folder).ExitCode);
        // A folder of ActRun before the columns: the same file without its last three.
        string layers = Path.Combine(folder, "layers.csv");
        var lines = File.ReadAllLines(layers).Select(line => string.Join(',', line.Split(',')[..^3]));
        File.WriteAllText(layers, string.Join('\n', lines) + "\n");
        Assert.DoesNotContain("input_p", File.ReadLines(layers).First());
        File.Delete(Path.Combine(folder, InputPercentilePlot.File));

        var result = CliRunner.Run("report", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.All(CsvFiles.Read<LayerRecord>(layers), r => Assert.True(double.IsNaN(r.InputP50)));
        Assert.True(File.Exists(Path.Combine(folder, DepthPlots.MeanFile)));
        Assert.False(File.Exists(Path.Combine(folder, InputPercentilePlot.File)));
        Assert.DoesNotContain(InputPercentilePlot.File, File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public void One_depth_and_one_hidden_layer_get_neither_the_depth_plot_nor_the_layer_statistics()
    {
        string folder = CliRunner.TempDir();

        var result = CliRunner.Run("compare", "-a", "relu,tanh", "--hidden", "8", "--epochs", "1", "--validation-fraction", "0", "-q", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(Path.Combine(folder, "train_loss.png")));
        foreach (string png in LayerFiles.Append(DepthPlots.AccuracyFile).Append("val_accuracy.png"))
            Assert.False(File.Exists(Path.Combine(folder, png)), png);
        Assert.DoesNotContain("against depth", File.ReadAllText(Path.Combine(folder, "report.md")));
    }
}
