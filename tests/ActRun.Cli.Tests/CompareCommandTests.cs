using System.Text.Json;
using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

public class CompareCommandTests
{
    private static string[] Quick(string outDir, params string[] extra) =>
        ["compare", "--dataset", "circles", "--epochs", "3", "--out", outDir, .. extra];

    [Fact]
    public void Compare_on_circles_writes_metrics_summary_and_config_that_read_back()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "relu,linear", "--seeds", "2"));

        Assert.True(result.ExitCode == 0, result.Error);
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv"));
        Assert.Equal(2 * 2 * 3, metrics.Count);
        Assert.Equal(["relu", "linear"], metrics.Select(m => m.Activation).Distinct());
        Assert.Equal([42UL, 43UL], metrics.Select(m => m.Seed).Distinct());
        Assert.All(metrics, m => Assert.InRange(m.TestAccuracy, 0, 1));
        Assert.All(metrics, m => Assert.True(m.EpochSeconds > 0));

        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv"));
        Assert.Equal(["relu", "linear"], summary.Select(s => s.Activation));
        Assert.All(summary, s => Assert.Equal(2, s.Seeds));
        Assert.All(summary, s => Assert.Equal("ok", s.Status));
        var reluFinal = metrics.Where(m => m.Activation == "relu" && m.Epoch == 3).Average(m => m.TestAccuracy);
        Assert.Equal(reluFinal, summary[0].TestAccuracy, 12);

        var config = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml")));
        Assert.Equal("circles", config.Dataset.Name);
        Assert.Equal(["relu", "linear"], config.Sweep["model.activation"]);
        Assert.Equal(3, config.Train.Epochs);
        Assert.Equal("sigmoid", config.Model.Output);
        Assert.Equal(2, config.Seeds);

        Assert.Contains("relu", result.Out);
        Assert.Contains("linear", result.Out);
        Assert.Contains("epoch 3/3", result.Error);
    }

    [Fact]
    public void The_summary_table_of_a_plain_comparison_fits_80_columns()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "relu,tanh,sigmoid", "--seeds", "3", "--quiet", "--no-plots"));

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2 + 3, lines.Length);
        Assert.StartsWith("activation", lines[0]);
        Assert.Contains("ci95", lines[0]);
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"{l.Length} columns: {l}"));
    }

    [Fact]
    public void Nonlinear_activations_solve_circles_and_a_linear_network_cannot()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--activations", "relu,linear", "--dataset", "circles", "--out", dir, "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv")).ToDictionary(s => s.Activation);
        Assert.True(summary["relu"].TestAccuracy > 0.95, $"relu {summary["relu"].TestAccuracy}");
        Assert.True(summary["linear"].TestAccuracy < 0.7, $"linear {summary["linear"].TestAccuracy}");
    }

    [Fact]
    public void The_default_comparison_separates_relu_tanh_and_sigmoid()
    {
        // The defaults (spiral, four hidden layers of 16, sgd 0.03 with momentum 0.9, 60 epochs) are chosen so the
        // three default activations land at three levels (docs/compare.md): relu solves the spiral, tanh is still on
        // its near-linear plateau (where a linear model stays), sigmoid's gradient vanishes through four layers.
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--out", dir, "--quiet", "--no-plots", "--no-diagnostics");
        Assert.True(result.ExitCode == 0, result.Error);
        var config = ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml")));
        Assert.Equal([16, 16, 16, 16], config.Model.Hidden);
        Assert.Equal(("spiral", 60, "sgd", 0.03, 0.9),
            (config.Dataset.Name, config.Train.Epochs, config.Train.Optimizer, config.Train.Lr, config.Train.Momentum));
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv")).ToDictionary(s => s.Activation);
        Assert.Equal(["relu", "tanh", "sigmoid"], summary.Keys);
        Assert.True(summary["relu"].TestAccuracy > 0.85, $"relu {summary["relu"].TestAccuracy}");
        Assert.True(summary["tanh"].TestAccuracy is > 0.55 and < 0.7, $"tanh {summary["tanh"].TestAccuracy}");
        // sigmoid learns nothing: its loss stays at chance's ln 2 (its accuracy at the epoch chosen on validation is chance, give or take the noise of 500 test points).
        Assert.True(summary["sigmoid"].TestAccuracy < 0.6, $"sigmoid {summary["sigmoid"].TestAccuracy}");
        Assert.True(summary["sigmoid"].TestLoss > 0.69 && summary["tanh"].TestLoss < 0.68, $"losses: sigmoid {summary["sigmoid"].TestLoss}, tanh {summary["tanh"].TestLoss}");
        // compare holds out a validation split by default, and chooses each run's epoch on it.
        Assert.Equal(0.1, config.Train.ValidationFraction);
        Assert.All(summary.Values, s => Assert.NotNull(s.BestEpoch));
    }

    [Fact]
    public void Format_csv_puts_exactly_the_summary_csv_on_stdout()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "relu,linear", "--format", "csv"));
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.csv")), result.Out);
    }

    [Fact]
    public void Format_json_is_an_array_with_snake_case_fields()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "relu", "--format", "json"));
        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Out).RootElement;
        Assert.Equal(1, rows.GetArrayLength());
        Assert.Equal("relu", rows[0].GetProperty("activation").GetString());
        Assert.InRange(rows[0].GetProperty("test_accuracy").GetDouble(), 0, 1);
    }

    [Fact]
    public void Same_seed_gives_the_same_numbers_whatever_the_thread_count()
    {
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(a, "--activations", "relu,tanh", "--seeds", "2", "--threads", "1")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Quick(b, "--activations", "relu,tanh", "--seeds", "2", "--threads", "2")).ExitCode);
        static IEnumerable<MetricRecord> WithoutTime(string dir) =>
            CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv")).Select(m => { m.EpochSeconds = 0; return m; });
        Assert.Equal(WithoutTime(a).Select(Line), WithoutTime(b).Select(Line));
        static string Line(MetricRecord m) => $"{m.Activation},{m.Seed},{m.Epoch},{m.TrainLoss:R},{m.TrainAccuracy:R},{m.TestLoss:R},{m.TestAccuracy:R}";
    }

    [Fact]
    public void One_run_on_two_threads_shares_its_products_and_gives_the_numbers_of_one_thread()
    {
        // One run and --threads 2: both threads go to the run's kernels (layers wide enough to be split).
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        string[] run = ["--activations", "relu", "--hidden", "128,128"];
        Assert.Equal(0, CliRunner.Run(Quick(a, [.. run, "--threads", "1"])).ExitCode);
        Assert.Equal(0, CliRunner.Run(Quick(b, [.. run, "--threads", "2"])).ExitCode);
        static string[] WithoutTime(string dir) => File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Select(line => line[..line.LastIndexOf(',')]).ToArray();
        Assert.EndsWith(",epoch_seconds", File.ReadAllLines(Path.Combine(a, "metrics.csv"))[0]);
        Assert.Equal(WithoutTime(a), WithoutTime(b));
    }

    [Fact]
    public void Unknown_activation_is_a_usage_error_with_a_suggestion_and_writes_nothing()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var result = CliRunner.Run(Quick(dir, "--activations", "relu,rleu"));
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("actrun: Unknown activation 'rleu'. Did you mean 'relu'?", result.Error.Trim());
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("--epochs", "0", "--epochs: expected a positive whole number, got '0'")]
    [InlineData("--batch-size", "-3", "--batch-size: expected a positive whole number, got '-3'")]
    [InlineData("--lr", "NaN", "--lr: expected a positive number, got 'NaN'")]
    [InlineData("--hidden", "64,x", "--hidden takes positive layer widths separated by commas (e.g. 128 or 64,64), got '64,x'.")]
    // Found by CliValueFuzzTests: a value that does not convert at all was an internal error (exit 1), not a usage error.
    [InlineData("--epochs", "abc", "--epochs: expected a positive whole number, got 'abc'")]
    [InlineData("--epochs", "2147483648", "--epochs: expected a positive whole number (at most 2147483647), got '2147483648'")]
    [InlineData("--momentum", "1 0", "--momentum: expected a number in [0, 1), got '1 0'")]
    [InlineData("--momentum", "1", "--momentum: expected a number in [0, 1), got '1'")]
    [InlineData("--seed", "-1", "--seed must be a whole number from 0 to 18446744073709551615, got -1.")]
    [InlineData("--lr", "", "--lr: expected a positive number, got nothing")]
    public void Bad_values_are_one_line_usage_errors(string option, string value, string message)
    {
        var result = CliRunner.Run("compare", option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"actrun: {message}", result.Error.Trim());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Mistyped_option_suggests_the_right_one()
    {
        var result = CliRunner.Run("compare", "--epoch", "3");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean '--epochs'?", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Out_that_is_a_file_is_a_usage_error()
    {
        string file = Path.Combine(CliRunner.TempDir(), "taken");
        File.WriteAllText(file, "keep me");
        var result = CliRunner.Run(Quick(file));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a file", result.Error);
        Assert.Equal("keep me", File.ReadAllText(file));
    }

    [Fact]
    public void Missing_mnist_is_a_data_error_naming_the_folder()
    {
        string empty = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--dataset", "mnist", "--offline", "--data-dir", empty, "--out", Path.Combine(empty, "out"));
        Assert.Equal(3, result.ExitCode);
        Assert.Contains(Path.Combine(empty, "mnist"), result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(Directory.Exists(Path.Combine(empty, "out")));
    }

    [Fact]
    public void Real_process_keeps_stdout_a_clean_csv_and_logs_to_stderr()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.RunProcess(dir, "compare", "--activations", "relu,sigmoid", "--epochs", "2", "--format", "csv", "--out", "res");
        Assert.True(result.ExitCode == 0, result.Error);
        string[] lines = result.Out.TrimEnd('\n').Split('\n');
        Assert.StartsWith("activation,dataset,hidden,seeds,", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains("epoch 2/2", result.Error);
        Assert.True(File.Exists(Path.Combine(dir, "res", "summary.csv")));
    }

    [Fact]
    public void Unknown_dataset_is_a_usage_error_with_a_suggestion()
    {
        var result = CliRunner.Run("compare", "--dataset", "mnsit", "--out", Path.Combine(CliRunner.TempDir(), "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("actrun: Unknown dataset 'mnsit'. Did you mean 'mnist'?", result.Error);
    }

    [Fact]
    public void Duplicate_activation_spellings_are_rejected()
    {
        var result = CliRunner.Run("compare", "--activations", "relu,ReLU", "--out", Path.Combine(CliRunner.TempDir(), "out"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("listed twice", result.Error);
    }
}
