using System.Text.Json;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>The ML.NET baseline, saved models and evaluate, --version and --format json across commands.</summary>
public class EcosystemTests
{
    private static string[] Quick(string outDir, params string[] extra) =>
        ["compare", "--dataset", "circles", "--epochs", "3", "--out", outDir, "--quiet", "--no-plots", .. extra];

    [Fact]
    public void Baseline_mlnet_adds_an_mlnet_logreg_row_trained_on_the_same_data()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "relu,linear", "--baseline", "mlnet", "--features", "x1^2,x2^2"));

        Assert.True(result.ExitCode == 0, result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "summary.csv"));
        Assert.Equal(["relu", "linear", "mlnet-logreg"], summary.Select(s => s.Activation));
        var baseline = summary[2];
        // On x1^2, x2^2 the circles are linearly separable: the logistic regression solves them as a linear network does.
        Assert.True(baseline.TestAccuracy > 0.95, $"mlnet-logreg {baseline.TestAccuracy}");
        var record = Assert.Single(CsvFiles.Read<BaselineRecord>(Path.Combine(dir, "baselines.csv")));
        Assert.Equal("circles features=x1^2,x2^2 seed=42", record.Dataset);
        Assert.Equal(record.TestAccuracy, baseline.TestAccuracy);
        Assert.Contains("mlnet-logreg", result.Out);
        Assert.Equal("mlnet", Core.Experiments.ConfigYaml.Deserialize(File.ReadAllText(Path.Combine(dir, "config.yaml"))).Baseline);
        Assert.DoesNotContain("mlnet", File.ReadAllText(Path.Combine(dir, "runs.csv")));
    }

    [Fact]
    public void The_baseline_is_linear_it_cannot_separate_the_raw_circles()
    {
        // Regression: every class's rows must reach ML.NET. When the last class was read as a missing label, the
        // fit saw one class and scored 100% on circles, which no linear classifier can.
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run(Quick(dir, "--activations", "linear", "--baseline", "mlnet"));

        Assert.True(result.ExitCode == 0, result.Error);
        var record = Assert.Single(CsvFiles.Read<BaselineRecord>(Path.Combine(dir, "baselines.csv")));
        Assert.InRange(record.TestAccuracy, 0.35, 0.65);
        Assert.InRange(record.TestLoss, 0.6, 0.75);
    }

    [Fact]
    public void The_baseline_is_reproducible()
    {
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(a, "--activations", "linear", "--baseline", "mlnet")).ExitCode);
        Assert.Equal(0, CliRunner.Run(Quick(b, "--activations", "linear", "--baseline", "mlnet")).ExitCode);
        var first = CsvFiles.Read<BaselineRecord>(Path.Combine(a, "baselines.csv")).Single();
        var second = CsvFiles.Read<BaselineRecord>(Path.Combine(b, "baselines.csv")).Single();
        Assert.Equal((first.TestLoss, first.TestAccuracy, first.TrainLoss), (second.TestLoss, second.TestAccuracy, second.TrainLoss));
    }

    [Fact]
    public void An_unknown_baseline_is_a_usage_error_with_a_suggestion()
    {
        var result = CliRunner.Run(Quick(CliRunner.TempDir(), "--baseline", "mlnett"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Did you mean 'mlnet'?", result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    [Fact]
    public void A_normal_compare_never_loads_ML_NET_and_a_baseline_does()
    {
        string dir = CliRunner.TempDir();
        string hook = typeof(StartupHook).Assembly.Location;
        CliResult Run(string log, params string[] extra) => CliRunner.RunProcess(dir,
            new Dictionary<string, string> { ["DOTNET_STARTUP_HOOKS"] = hook, ["ACTRUN_TEST_ASSEMBLY_LOG"] = log },
            ["compare", "--dataset", "circles", "--epochs", "1", "--activations", "relu", "--quiet", "--no-plots", .. extra]);

        string plain = Path.Combine(dir, "plain.txt"), withBaseline = Path.Combine(dir, "baseline.txt");
        Assert.Equal(0, Run(plain, "--out", "a").ExitCode);
        Assert.Equal(0, Run(withBaseline, "--out", "b", "--baseline", "mlnet").ExitCode);

        var plainAssemblies = File.ReadAllLines(plain);
        Assert.Contains("ActRun.Core", plainAssemblies);
        Assert.DoesNotContain(plainAssemblies, a => a.StartsWith("Microsoft.ML"));
        Assert.DoesNotContain("ActRun.Baselines", plainAssemblies);
        // The same check sees ML.NET when it is used, so it can fail.
        Assert.Contains(File.ReadAllLines(withBaseline), a => a.StartsWith("Microsoft.ML"));
    }

    [Fact]
    public void Evaluate_on_a_saved_model_reproduces_the_last_epoch_of_training()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(dir, "--activations", "relu,prelu", "--save-model", "--validation-fraction", "0")).ExitCode);
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "metrics.csv"));
        foreach (var last in metrics.Where(m => m.Epoch == 3))
        {
            string model = Path.Combine(dir, "models", last.RunId + ".actrun-model");
            var result = CliRunner.Run("evaluate", model, "--format", "json");

            Assert.True(result.ExitCode == 0, result.Error);
            var json = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().Single();
            Assert.Equal(last.TestLoss, json.GetProperty("loss").GetDouble());
            Assert.Equal(last.TestAccuracy, json.GetProperty("accuracy").GetDouble());
            Assert.Equal("test", json.GetProperty("split").GetString());
        }
        var train = CliRunner.Run("evaluate", Path.Combine(dir, "models", metrics[0].RunId + ".actrun-model"), "--split", "train", "--format", "csv");
        Assert.Equal(0, train.ExitCode);
        Assert.StartsWith("model,dataset,split,samples,loss,accuracy\n", train.Out);
    }

    [Fact]
    public void Evaluate_on_a_truncated_model_is_a_data_error_naming_the_file()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(dir, "--activations", "relu", "--save-model")).ExitCode);
        string model = Directory.GetFiles(Path.Combine(dir, "models")).Single();
        File.WriteAllBytes(model, File.ReadAllBytes(model)[..^40]);

        var result = CliRunner.Run("evaluate", model);
        Assert.Equal(3, result.ExitCode);
        Assert.Contains(model, result.Error);
        Assert.Equal("", result.Out);
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Fact]
    public void Evaluate_on_data_with_another_feature_count_is_a_clear_usage_error()
    {
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run(Quick(dir, "--activations", "relu", "--save-model", "--features", "x1,x2,x1*x2")).ExitCode);
        string model = Directory.GetFiles(Path.Combine(dir, "models")).Single();
        string csv = Path.Combine(dir, "two.csv");
        File.WriteAllText(csv, "a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0\n");

        var result = CliRunner.Run("evaluate", model, "--dataset", $"csv:{csv}");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("takes 3 input features", result.Error);
    }

    [Fact]
    public void Version_prints_the_version_and_the_commit_it_was_built_from()
    {
        // In-process the entry assembly is the test host: ask the real binary.
        var result = CliRunner.RunProcess(CliRunner.TempDir(), "--version");
        Assert.Equal(0, result.ExitCode);
        var (version, commit) = RunRecord.Build;
        Assert.StartsWith(version, result.Out.Trim());
        if (commit is not null) Assert.Contains(commit, result.Out);
    }

    [Fact]
    public void Run_and_merge_print_json_that_parses()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, "dataset: circles\nmodel: {hidden: [4]}\ntrain: {epochs: 1}\nsweep: {model.activation: [relu, tanh]}\n");
        var run = CliRunner.Run("run", config, "--out", Path.Combine(dir, "r"), "--format", "json", "--quiet", "--no-plots");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(2, JsonDocument.Parse(run.Out).RootElement.GetArrayLength());

        var merge = CliRunner.Run("merge", Path.Combine(dir, "r"), "--out", Path.Combine(dir, "m"), "--format", "json");
        Assert.True(merge.ExitCode == 0, merge.Error);
        Assert.Equal(2, JsonDocument.Parse(merge.Out).RootElement.GetArrayLength());
    }

    [Fact]
    public void Activations_table_and_data_verify_print_json_that_parses()
    {
        var table = CliRunner.Run("activations", "table", "--names", "relu,tanh", "--range", "-1:1:1", "--format", "json");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Equal(6, JsonDocument.Parse(table.Out).RootElement.GetArrayLength());

        var verify = CliRunner.Run("data", "verify", "mnist", "--data-dir", CliRunner.TempDir(), "--format", "json");
        Assert.Equal(3, verify.ExitCode);
        Assert.Equal(4, JsonDocument.Parse(verify.Out).RootElement.GetArrayLength());
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("run")]
    [InlineData("merge")]
    [InlineData("report")]
    [InlineData("evaluate")]
    [InlineData("data", "list")]
    [InlineData("data", "fetch")]
    [InlineData("activations", "list")]
    [InlineData("activations", "table")]
    public void Every_command_has_examples_in_its_help(params string[] command)
    {
        var result = CliRunner.Run([.. command, "--help"]);
        Assert.Equal(0, result.ExitCode);
        Assert.Matches("Examples?:", result.Out);
        Assert.Contains("actrun " + string.Join(" ", command), result.Out);
    }
}
