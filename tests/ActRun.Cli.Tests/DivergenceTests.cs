using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>A diverging run stops, is recorded as diverged with its epoch, and the others complete.</summary>
public class DivergenceTests
{
    // One learning rate that trains, one so large that the loss overflows at once.
    private const string Experiment = """
        name: diverge
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 4, batch_size: 32, optimizer: sgd, lr: 0.05}
        sweep:
          train.lr: [0.05, 1e30]
        """;

    private static string WriteConfig()
    {
        string path = Path.Combine(CliRunner.TempDir(), "exp.yaml");
        File.WriteAllText(path, Experiment);
        return path;
    }

    [Fact]
    public void A_huge_learning_rate_diverges_is_recorded_with_its_epoch_and_the_other_runs_complete()
    {
        string dir = CliRunner.TempDir();

        var result = CliRunner.Run("run", WriteConfig(), "--out", dir, "--quiet");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("warning: 1 run(s) diverged", result.Error);
        var runs = CsvTable.Read(Path.Combine(dir, "runs.csv")).ToDictionary(r => r["lr"]);
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv")).ToDictionary(r => r["lr"]);
        var metrics = CsvTable.Read(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(("ok", "4"), (runs["0.05"]["status"], runs["0.05"]["epochs"]));
        Assert.Equal("diverged", runs["1E+30"]["status"]);
        string epoch = runs["1E+30"]["epochs"];
        Assert.Equal($"diverged at epoch {epoch}", summary["1E+30"]["status"]);
        Assert.Equal("ok", summary["0.05"]["status"]);
        Assert.Equal(4, metrics.Count(m => m["lr"] == "0.05"));
        Assert.Equal(int.Parse(epoch), metrics.Count(m => m["lr"] == "1E+30"));
    }

    [Fact]
    public void Fail_on_divergence_exits_4_from_run_and_from_compare()
    {
        var run = CliRunner.Run("run", WriteConfig(), "--out", CliRunner.TempDir(), "--quiet", "--fail-on-divergence");
        var compare = CliRunner.Run("compare", "-a", "relu", "--optimizer", "sgd", "--lr", "1e30", "--epochs", "3", "--out", CliRunner.TempDir(),
            "--quiet", "--no-plots", "--fail-on-divergence");

        Assert.Equal(4, run.ExitCode);
        Assert.Contains("1 run(s) diverged", run.Error);
        Assert.Contains("(--fail-on-divergence)", run.Error);
        Assert.Equal(4, compare.ExitCode);
        Assert.Contains("relu seed 42 at epoch 1", compare.Error);
    }

    [Fact]
    public void A_diverged_run_counts_as_finished_on_resume()
    {
        string dir = CliRunner.TempDir();
        string config = WriteConfig();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", dir, "--quiet").ExitCode);

        var resumed = CliRunner.Run("run", config, "--out", dir, "--resume", "--fail-on-divergence");

        Assert.Equal(4, resumed.ExitCode);
        Assert.Contains("0 run(s) trained, 2 kept", resumed.Error);
    }
}
