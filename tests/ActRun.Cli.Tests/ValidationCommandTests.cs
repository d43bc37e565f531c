using System.Text.Json;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>The validation split from the command line: compare's default, switching it off, early stopping in a file, saved models.</summary>
public class ValidationCommandTests
{
    private const string EarlyStopping = """
        name: stopping
        dataset: {name: circles, train_size: 300, test_size: 100}
        model: {hidden: [8], activation: relu}
        train:
          epochs: 200
          batch_size: 32
          optimizer: sgd
          lr: 0.5
          validation_fraction: 0.2
          early_stopping: {patience: 3}
          reduce_lr_on_plateau: {factor: 0.5, patience: 1}
        seeds: 2
        """;

    private static string WriteConfig(string text)
    {
        string path = Path.Combine(CliRunner.TempDir(), "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_saved_model_holds_the_best_epochs_weights_and_evaluate_reproduces_the_summary()
    {
        string dir = CliRunner.TempDir();
        var run = CliRunner.Run("compare", "--dataset", "circles", "--epochs", "12", "--lr", "0.3", "-a", "relu,tanh", "--save-model", "--out", dir, "-q", "--no-plots");
        Assert.True(run.ExitCode == 0, run.Error);
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv"));
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv")).ToDictionary(s => s.Activation);

        foreach (var runMetrics in metrics.GroupBy(m => m.RunId))
        {
            var row = summary[runMetrics.First().Activation];
            var best = runMetrics.MinBy(m => m.ValLoss)!;
            Assert.Equal(best.Epoch, row.BestEpoch);
            var result = CliRunner.Run("evaluate", Path.Combine(dir, "models", runMetrics.Key + ".actrun-model"), "--format", "json");
            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single();
            Assert.Equal(row.TestLoss, json.GetProperty("loss").GetDouble());
            Assert.Equal(row.TestAccuracy, json.GetProperty("accuracy").GetDouble());
        }
    }

    [Fact]
    public void Validation_fraction_0_switches_validation_off_and_nothing_is_chosen_by_epoch()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--dataset", "circles", "--epochs", "3", "-a", "relu", "--validation-fraction", "0", "--out", dir, "-q", "--no-plots");
        Assert.True(result.ExitCode == 0, result.Error);

        var metrics = CsvTable.Read(Path.Combine(dir, "metrics.csv"));
        Assert.All(metrics, m => Assert.Equal(("", ""), (m["val_loss"], m["val_accuracy"])));
        var summary = CsvTable.Read(Path.Combine(dir, "summary.csv")).Single();
        Assert.Equal("", summary["best_epoch"]);
        Assert.Equal("3", summary["epochs_trained"]);
        Assert.Equal(metrics[^1]["test_accuracy"], summary["test_accuracy"]);
        Assert.DoesNotContain("validation", CsvTable.Read(Path.Combine(dir, "runs.csv")).Single()["settings"]);
        Assert.Equal(0, ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml"))).Train.ValidationFraction);
    }

    [Fact]
    public void Early_stopping_from_a_file_ends_runs_early_and_resume_keeps_them()
    {
        string dir = CliRunner.TempDir();
        string config = WriteConfig(EarlyStopping);
        var result = CliRunner.Run("run", config, "--out", dir, "-q", "--no-plots");
        Assert.True(result.ExitCode == 0, result.Error);

        var runs = CsvTable.Read(Path.Combine(dir, "runs.csv"));
        Assert.All(runs, r => Assert.Equal("ok", r["status"]));
        Assert.All(runs, r => Assert.True(int.Parse(r["epochs"]) < 200, $"{r["epochs"]} epochs"));
        Assert.All(runs, r => Assert.Contains("train.early_stopping={monitor: val_loss, patience: 3, min_delta: 0, mode: min}", r["settings"]));
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv")).Single();
        Assert.Equal((2, 0, 0), (summary.RunsFinished, summary.RunsDiverged, summary.RunsCancelled));
        Assert.Equal(runs.Average(r => double.Parse(r["epochs"])), summary.EpochsTrained, 12);
        // config.yaml writes the callbacks as one-line mappings that read back to the same settings.
        var written = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml")));
        Assert.Equal(3, written.Train.EarlyStopping!.Patience);
        Assert.Equal(0.5, written.Train.ReduceLrOnPlateau!.Factor);

        // A run that early stopping ended is complete: resume keeps it rather than training it again.
        var resumed = CliRunner.Run("run", config, "--out", dir, "--resume", "--no-plots");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("0 run(s) trained, 2 kept from before", resumed.Error);
        Assert.Equal(runs.Select(r => r["started"]), CsvTable.Read(Path.Combine(dir, "runs.csv")).Select(r => r["started"]));
    }

    [Theory]
    [InlineData("early_stopping: {patience: 3}", "train.early_stopping watches the validation split, and there is none: set train.validation_fraction")]
    [InlineData("monitor: val_accuracy", "train.monitor watches the validation split")]
    [InlineData("early_stopping: {patience: 3, monitr: val_loss}", "unknown setting 'monitr' (did you mean 'monitor'?)")]
    public void A_choice_on_validation_without_a_split_is_a_usage_error(string line, string message)
    {
        string config = WriteConfig($"name: x\ndataset: circles\nmodel: {{hidden: [4]}}\ntrain:\n  epochs: 2\n  {line}\n");

        var result = CliRunner.Run("run", config, "--out", CliRunner.TempDir(), "-q");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }
}
