using ActRun.Core.Results;
using ActRun.Plots;

namespace ActRun.Cli.Tests;

/// <summary>
/// The papers' pictures in every report whose data allows them (issue 18.4): training loss with the seeds' band, each
/// hidden layer's activation statistics through depth, and test accuracy against depth for a sweep over depth.
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
