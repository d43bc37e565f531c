using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

public class RunCommandTests
{
    // Small enough to train 8 runs in well under a second.
    private const string Experiment = """
        # two activations x two learning rates on a small circles set
        name: tiny
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 3, batch_size: 32, optimizer: adam, lr: 0.02}
        seeds: 2
        sweep:
          model.activation: [relu, linear]
          train.lr: [0.02, 0.05]
        """;

    private static string WriteConfig(string text = Experiment) => CliRunner.WriteConfig(text);

    private static List<Dictionary<string, string>> Rows(string dir, string file) => CliRunner.Rows(dir, file);

    /// <summary>metrics.csv without its timing column: what two runs of the same experiment must agree on.</summary>
    private static List<string> Numbers(string dir) =>
        Rows(dir, "metrics.csv").Select(r => string.Join(",", r.Where(kv => kv.Key != "epoch_seconds").Select(kv => $"{kv.Key}={kv.Value}"))).ToList();

    [Fact]
    public void Run_writes_config_runs_metrics_and_summary_with_a_column_per_swept_key()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("run", WriteConfig(), "--out", dir, "--format", "csv");
        Assert.True(result.ExitCode == 0, result.Error);

        var metrics = Rows(dir, "metrics.csv");
        Assert.Equal(2 * 2 * 2 * 3, metrics.Count);
        Assert.Equal(["run_id", "activation", "dataset", "hidden", "lr", "seed", "epoch"], metrics[0].Keys.Take(7));

        var summary = Rows(dir, "summary.csv");
        Assert.Equal(["relu/0.02", "relu/0.05", "linear/0.02", "linear/0.05"], summary.Select(r => $"{r["activation"]}/{r["lr"]}"));
        Assert.All(summary, r => Assert.Equal("2", r["n"]));
        Assert.All(summary, r => Assert.True(double.Parse(r["test_accuracy_ci95_low"]) <= double.Parse(r["test_accuracy"])));
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "summary.csv")), result.Out);

        var runs = Rows(dir, "runs.csv");
        Assert.Equal(8, runs.Count);
        Assert.All(runs, r => Assert.Equal("ok", r["status"]));
        Assert.All(runs, r => Assert.Matches("^[0-9a-f]{12}$", r["run_id"]));
        Assert.All(runs, r => Assert.NotEqual("", r["started"]));
        Assert.All(runs, r => Assert.NotEqual("", r["actrun_version"]));
        Assert.True(File.Exists(Path.Combine(dir, "config.yaml")));
    }

    [Fact]
    public void Dry_run_lists_the_runs_and_writes_nothing()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var result = CliRunner.Run("run", WriteConfig(), "--dry-run", "--out", dir, "--format", "csv");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(9, result.Out.TrimEnd('\n').Split('\n').Length);
        Assert.Contains("8 run(s)", result.Error);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void A_config_error_is_one_line_exit_2_naming_file_line_and_column()
    {
        string path = WriteConfig(Experiment.Replace("train:", "trian:"));
        var result = CliRunner.Run("run", path, "--dry-run");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"actrun: {path}: line 5, column 1: unknown key 'trian' (did you mean 'train'?)", result.Error.Trim());
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void A_missing_config_file_is_a_usage_error()
    {
        var result = CliRunner.Run("run", Path.Combine(CliRunner.TempDir(), "nope.yaml"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.yaml: cannot read the config", result.Error);
    }

    [Fact]
    public void Resume_after_completion_trains_nothing_and_keeps_the_numbers()
    {
        string config = WriteConfig(), dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", dir, "-q").ExitCode);
        var before = File.ReadAllText(Path.Combine(dir, "metrics.csv"));
        var again = CliRunner.Run("run", config, "--out", dir, "--resume");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 run(s) trained, 8 kept from before", again.Error);
        Assert.DoesNotContain("epoch 1/3", again.Error);
        Assert.Equal(before, File.ReadAllText(Path.Combine(dir, "metrics.csv")));
    }

    [Fact]
    public void Resume_after_the_sweep_grew_trains_only_the_new_runs()
    {
        string config = WriteConfig(), dir = CliRunner.TempDir(), whole = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", dir, "-q").ExitCode);
        var grown = CliRunner.Run("run", config, "--out", dir, "--resume", "--sweep", "train.lr=0.02,0.05,0.1");
        Assert.True(grown.ExitCode == 0, grown.Error);
        Assert.Contains("4 run(s) trained, 8 kept from before", grown.Error);

        Assert.Equal(0, CliRunner.Run("run", config, "--out", whole, "-q", "--sweep", "train.lr=0.02,0.05,0.1").ExitCode);
        Assert.Equal(Numbers(whole), Numbers(dir));
    }

    [Fact]
    public void Resume_re_runs_a_cut_off_run_without_duplicate_rows()
    {
        string config = WriteConfig(), dir = CliRunner.TempDir(), whole = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", whole, "-q").ExitCode);
        // What a killed process leaves: a run marked running, with only some of its epochs written.
        foreach (string f in new[] { "config.yaml", "runs.csv", "metrics.csv" }) File.Copy(Path.Combine(whole, f), Path.Combine(dir, f));
        string cut = Rows(dir, "runs.csv")[5]["run_id"];
        var runsText = File.ReadAllLines(Path.Combine(dir, "runs.csv")).Select(l => l.StartsWith(cut) ? l.Replace(",ok,3,", ",running,0,") : l);
        File.WriteAllLines(Path.Combine(dir, "runs.csv"), runsText);
        var metricsText = File.ReadAllLines(Path.Combine(dir, "metrics.csv")).Where(l => !(l.EndsWith("," + cut) && l.Contains(",3,")));
        File.WriteAllLines(Path.Combine(dir, "metrics.csv"), metricsText);

        var resumed = CliRunner.Run("run", config, "--out", dir, "--resume");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("1 run(s) trained, 7 kept from before", resumed.Error);
        Assert.Equal(Numbers(whole), Numbers(dir));
        Assert.Equal(3, Rows(dir, "metrics.csv").Count(r => r["run_id"] == cut));
    }

    [Fact]
    public void Run_into_a_folder_with_results_needs_resume()
    {
        string config = WriteConfig(), dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", dir, "-q").ExitCode);
        var result = CliRunner.Run("run", config, "--out", dir, "-q");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("already holds results; add --resume", result.Error);
    }

    [Fact]
    public void Two_shards_merged_equal_the_unsharded_run_row_for_row()
    {
        string config = WriteConfig(), whole = CliRunner.TempDir(), a = CliRunner.TempDir(), b = CliRunner.TempDir(), merged = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", whole, "-q", "--parallel", "2").ExitCode);
        Assert.Equal(0, CliRunner.Run("run", config, "--out", a, "-q", "--shard", "1/2", "--parallel", "1").ExitCode);
        Assert.Equal(0, CliRunner.Run("run", config, "--out", b, "-q", "--shard", "2/2").ExitCode);
        Assert.Equal(4, Rows(a, "runs.csv").Count);

        var result = CliRunner.Run("merge", a, b, "--out", merged);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(Numbers(whole), Numbers(merged));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "config.yaml")), File.ReadAllText(Path.Combine(merged, "config.yaml")));
        static IEnumerable<string> WithoutTime(string dir, string file, params string[] timing) =>
            Rows(dir, file).Select(r => string.Join(",", r.Where(kv => !timing.Contains(kv.Key)).Select(kv => kv.Value)));
        Assert.Equal(WithoutTime(whole, "summary.csv", "train_seconds"), WithoutTime(merged, "summary.csv", "train_seconds"));
        Assert.Equal(WithoutTime(whole, "runs.csv", "started", "finished"), WithoutTime(merged, "runs.csv", "started", "finished"));
    }

    [Fact]
    public void Merge_without_every_shard_says_what_is_missing()
    {
        string config = WriteConfig(), a = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", a, "-q", "--shard", "1/2").ExitCode);
        var result = CliRunner.Run("merge", a, "--out", CliRunner.TempDir());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("4 of 8 runs are missing", result.Error);
    }

    [Fact]
    public void Compare_config_run_again_with_run_gives_the_same_numbers()
    {
        string first = CliRunner.TempDir(), second = CliRunner.TempDir();
        var compare = CliRunner.Run("compare", "--activations", "relu,tanh", "--epochs", "2", "--seeds", "2", "--out", first, "-q");
        Assert.True(compare.ExitCode == 0, compare.Error);
        var rerun = CliRunner.Run("run", Path.Combine(first, "config.yaml"), "--out", second, "-q");
        Assert.True(rerun.ExitCode == 0, rerun.Error);
        Assert.Equal(Numbers(first), Numbers(second));
    }

    [Fact]
    public void Check_exits_4_when_a_result_is_outside_its_expected_range()
    {
        string config = WriteConfig(Experiment + "\nexpect:\n  relu: {test_accuracy: [0.0, 1.0]}\n  linear: {test_accuracy: [0.99, 1.0]}\n");
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("run", config, "--out", dir, "-q", "--check");
        Assert.Equal(4, result.ExitCode);
        Assert.Contains("linear lr=0.02: test_accuracy", result.Error.Replace("activation=", ""));
        var summary = Rows(dir, "summary.csv");
        Assert.Equal(["true", "true", "false", "false"], summary.Select(r => r["within_expected"]));
        Assert.All(summary, r => Assert.StartsWith("test_accuracy in [", r["expected"]));

        var withoutCheck = CliRunner.Run("run", config, "--out", CliRunner.TempDir(), "-q");
        Assert.Equal(0, withoutCheck.ExitCode);
        Assert.Contains("warning:", withoutCheck.Error);
    }

    [Fact]
    public void Every_shipped_experiment_passes_dry_run()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ActRun.sln"))) root = Path.GetDirectoryName(root)!;
        var files = Directory.GetFiles(Path.Combine(root, "experiments"), "*.yaml");
        Assert.NotEmpty(files);
        foreach (string file in files)
        {
            var result = CliRunner.Run("run", file, "--dry-run", "--format", "csv");
            Assert.True(result.ExitCode == 0, $"{file}: {result.Error}");
            Assert.StartsWith("#", File.ReadAllText(file));
        }
    }
}
