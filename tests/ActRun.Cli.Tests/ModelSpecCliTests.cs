using System.Text.Json;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>Models beyond the dense stack through the command line: --set of the layer keys, saved models, layers.csv and spec errors.</summary>
public class ModelSpecCliTests
{
    private static string[] Quick(string outDir, params string[] extra) =>
        ["compare", "--dataset", "circles", "--epochs", "3", "--out", outDir, "--quiet", "--no-plots", .. extra];

    [Theory]
    [InlineData("model.norm=batch", "model.dropout=0.2")]
    [InlineData("model.layers=[dense(16), layer_norm, act, alpha_dropout(0.1), dense(8), act(tanh), gaussian_noise(0.05)]", null)]
    [InlineData("model.layers=[dense(12), batch_norm(momentum=0.9, epsilon=1e-5), act, dropout(0.3)]", null)]
    public void Evaluate_reproduces_the_summary_of_a_model_with_normalization_and_noise_exactly(string set, string? set2)
    {
        string dir = CliRunner.TempDir();
        string[] sets = set2 is null ? ["--set", set] : ["--set", set, "--set", set2];
        var trained = CliRunner.Run(Quick(dir, ["--activations", "relu,selu", "--save-model", .. sets]));
        Assert.True(trained.ExitCode == 0, trained.Error);
        // The report reads config.yaml back: a layer with a comma inside its parentheses survives the YAML list.
        Assert.DoesNotContain("warning", trained.Error);

        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv"));
        var runs = File.ReadAllLines(Path.Combine(dir, "runs.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[1], f => f[0]);
        Assert.Equal(2, summary.Count);
        foreach (var row in summary)
        {
            var result = CliRunner.Run("evaluate", Path.Combine(dir, "models", runs[row.Activation] + ".actrun-model"), "--format", "json");

            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single();
            // Evaluation mode: running statistics, no dropout or noise; the same batches as training's evaluation.
            Assert.Equal(row.TestAccuracy, json.GetProperty("accuracy").GetDouble());
            Assert.Equal(row.TestLoss, json.GetProperty("loss").GetDouble());
        }
    }

    [Fact]
    public void Set_norm_and_dropout_change_the_model_and_its_run_id()
    {
        string plain = CliRunner.TempDir(), norm = CliRunner.TempDir(), layers = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(plain, "--activations", "relu")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Quick(norm, "--activations", "relu", "--set", "model.norm=batch", "--set", "model.dropout=0.2")).ExitCode);
        // The same model written out in full is the same run.
        Assert.Equal(0, CliRunner.Run(Quick(layers, "--activations", "relu", "--set",
            "model.layers=[dense(16), batch_norm, act, dropout(0.2), dense(16), batch_norm, act, dropout(0.2), dense(16), batch_norm, act, dropout(0.2), dense(16), batch_norm, act, dropout(0.2)]")).ExitCode);

        string Settings(string dir) => File.ReadAllLines(Path.Combine(dir, "runs.csv"))[1];
        Assert.DoesNotContain("model.layers", Settings(plain));
        Assert.Contains("model.layers=[dense(16), batch_norm, act, dropout(0.2), dense(16)", Settings(norm));
        string RunId(string dir) => Settings(dir).Split(',')[0];
        Assert.NotEqual(RunId(plain), RunId(norm));
        Assert.Equal(RunId(norm), RunId(layers));
        IEnumerable<(double, double, double)> Scores(string dir) =>
            CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv")).Select(m => (m.TrainLoss, m.TestLoss, m.TestAccuracy));
        Assert.Equal(Scores(norm), Scores(layers));
    }

    [Fact]
    public void Layers_csv_names_each_layer_kind_and_leaves_dead_and_saturated_empty_where_there_is_no_activation()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(dir, "--activations", "relu", "--set", "model.layers=[dense(8), batch_norm, act, dropout(0.2), dense(8), act]")).ExitCode);

        var rows = CsvFiles.Read<LayerRecord>(Path.Combine(dir, "layers.csv")).Where(l => l.Epoch == 3).OrderBy(l => l.Layer).ToList();

        Assert.Equal(["dense", "batch_norm", "act", "dropout", "dense", "dense"], rows.Select(r => r.LayerKind));
        foreach (var row in rows.Where(r => r.LayerKind is "batch_norm" or "dropout"))
        {
            Assert.True(double.IsNaN(row.DeadFraction) && double.IsNaN(row.SaturatedFraction), $"layer {row.Layer} {row.LayerKind}");
            Assert.True(double.IsFinite(row.ActivationMean), $"layer {row.Layer} {row.LayerKind}");
        }
        // batch_norm has a γ that trains; dropout has nothing to train.
        Assert.True(rows[1].GradNorm > 0 && double.IsFinite(rows[1].WeightNorm));
        Assert.True(double.IsNaN(rows[3].GradNorm) && double.IsNaN(rows[3].WeightNorm));
        // The activation after batch_norm is where relu's units can die: it has the fractions.
        Assert.InRange(rows[2].DeadFraction, 0, 1);
        Assert.InRange(rows[2].SaturatedFraction, 0, 1);
    }

    [Theory]
    [InlineData("model:\n  layers: [dense(64), batch_nrom, act]\n", "line 3, column 23")]
    [InlineData("model:\n  layers:\n    - dense(64)\n    - batch_nrom\n    - act\n", "line 5, column 7")]
    public void A_misspelt_layer_in_a_config_is_a_usage_error_at_its_line_and_column_with_a_suggestion(string model, string where)
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, "dataset: circles\n" + model);

        var result = CliRunner.Run("run", config, "--out", Path.Combine(dir, "out"), "--quiet");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"exp.yaml: {where}: model layer 2 (batch_nrom)", line);
        Assert.Contains("Did you mean 'batch_norm'?", line);
        Assert.False(Directory.Exists(Path.Combine(dir, "out")), "nothing is written for a bad config");
    }

    [Theory]
    [InlineData("model.layers=[dense(8), batch_nrom, act]", "Did you mean 'batch_norm'?")]
    [InlineData("model.layers=[dense(8), dropout(1.5), act]", "rate must be a number in [0, 1)")]
    [InlineData("model.layers=[dense(8), batch_norm(momentun=0.9), act]", "Did you mean 'momentum'?")]
    [InlineData("model.norm=btch", "did you mean 'batch'?")]
    [InlineData("model.dropout=1", "model.dropout")]
    public void A_bad_layer_setting_on_the_command_line_is_a_usage_error_naming_the_option(string set, string message)
    {
        var result = CliRunner.Run(Quick(CliRunner.TempDir(), "--activations", "relu", "--set", set));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--set {set}", result.Error);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Out);
    }
}
