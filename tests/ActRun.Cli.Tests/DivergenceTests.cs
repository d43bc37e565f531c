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
        Assert.Equal($"diverged: 1/1 runs at epoch {epoch}", summary["1E+30"]["status"]);
        Assert.Equal(("0", "1", "0"), (summary["1E+30"]["runs_finished"], summary["1E+30"]["runs_diverged"], summary["1E+30"]["runs_cancelled"]));
        Assert.Equal("ok", summary["0.05"]["status"]);
        Assert.Equal(("1", "0", "0"), (summary["0.05"]["runs_finished"], summary["0.05"]["runs_diverged"], summary["0.05"]["runs_cancelled"]));
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
    public void A_loss_that_runs_away_without_becoming_nan_diverges_at_its_first_epoch()
    {
        // Plain SGD (--momentum 0: on 2-D sets sgd defaults to momentum 0.9) at lr 1e12: the losses grow to 1e11..1e12 and stay finite; before the bound they ran every epoch as "ok".
        string dir = CliRunner.TempDir();

        var result = CliRunner.Run("compare", "-a", "relu,tanh,sigmoid", "--dataset", "circles", "--hidden", "16", "--lr", "1e12", "--optimizer", "sgd", "--momentum", "0", "--epochs", "5", "--out", dir,
            "--no-plots", "--format", "csv");
        string offDir = CliRunner.TempDir();
        var off = CliRunner.Run("compare", "-a", "relu,tanh,sigmoid", "--dataset", "circles", "--hidden", "16", "--lr", "1e12", "--optimizer", "sgd", "--momentum", "0", "--epochs", "5", "--out", offDir,
            "--no-plots", "--quiet", "--divergence-factor", "off");

        Assert.True(result.ExitCode == 0, result.Error);
        var runs = CsvTable.Read(Path.Combine(dir, "runs.csv"));
        var metrics = CsvTable.Read(Path.Combine(dir, "metrics.csv"));
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv"));
        Assert.Equal(["diverged", "diverged", "diverged"], runs.Select(r => r["status"]));
        Assert.Equal(["1", "1", "1"], runs.Select(r => r["epochs"]));
        Assert.All(metrics, m => Assert.True(double.Parse(m["train_loss"], System.Globalization.CultureInfo.InvariantCulture) is > 1e6 and < double.PositiveInfinity));
        Assert.All(summary, s => Assert.Equal("diverged: 1/1 runs at epoch 1", s["status"]));
        Assert.Contains("warning: 3 run(s) diverged (loss NaN, infinite or past the divergence bound): relu seed 42 at epoch 1", result.Error);
        Assert.Equal(0, off.ExitCode);
        Assert.All(CsvTable.Read(Path.Combine(offDir, "summary.csv")), s => Assert.Equal("ok", s["status"]));
    }

    [Fact]
    public void Fail_on_divergence_fails_a_runaway_loss_like_a_nan()
    {
        var result = CliRunner.Run("compare", "-a", "relu", "--dataset", "circles", "--hidden", "16", "--lr", "1e12", "--optimizer", "sgd", "--momentum", "0", "--epochs", "3", "--out", CliRunner.TempDir(),
            "--quiet", "--no-plots", "--fail-on-divergence");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("1 run(s) diverged (loss NaN, infinite or past the divergence bound): relu seed 42 at epoch 1 (--fail-on-divergence)", result.Error);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("")]
    public void A_bad_divergence_factor_is_a_usage_error(string value)
    {
        var result = CliRunner.Run("compare", "-a", "relu", "--divergence-factor", value, "--out", CliRunner.TempDir());

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--divergence-factor: expected a number >= 0, or off", result.Error);
    }

    [Fact]
    public void The_divergence_factor_is_a_config_key_that_run_and_its_option_set()
    {
        string dir = CliRunner.TempDir(), config = WriteConfig();

        var result = CliRunner.Run("run", config, "--out", dir, "--quiet", "--no-plots", "--divergence-factor", "250");
        var bad = CliRunner.Run("run", config, "--set", "train.divergence_factor=-3", "--out", CliRunner.TempDir());

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("divergence_factor: 250", File.ReadAllText(Path.Combine(dir, "config.yaml")));
        Assert.Contains("train.divergence_factor=250", File.ReadAllText(Path.Combine(dir, "runs.csv")));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("expected a number >= 0, or off, got '-3'", bad.Error);
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
