using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>Tune, then compare: the search's trials, the chosen settings, resume, and the errors of a search without validation.</summary>
public class TuneCommandTests
{
    private const string Experiment = """
        name: tiny-tune
        dataset: {name: circles, train_size: 300, test_size: 100}
        model: {hidden: [8], activation: relu, init: glorot_uniform}
        train: {epochs: 9, batch_size: 32, optimizer: sgd, lr: 0.01, validation_fraction: 0.2}
        seeds: 3
        sweep:
          model.activation: [relu, tanh]
        tune:
          space:
            train.lr: [0.001, 0.03, 1, 1000]
          strategy: halving
          eta: 2
        expect:
          relu: {test_accuracy: [0, 1]}
        """;

    private static string WriteConfig(string text = Experiment) => CliRunner.WriteConfig(text);

    private static List<Dictionary<string, string>> Rows(string dir, string file) => CliRunner.Rows(dir, file);

    [Fact]
    public void Halving_trains_the_survivors_longer_and_the_comparison_runs_each_variant_at_its_choice()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("run", WriteConfig(), "--out", dir, "--no-plots");
        Assert.True(result.ExitCode == 0, result.Error);

        var trials = Rows(dir, "trials.csv");
        Assert.Equal(["variant", "lr", "round", "epochs", "seeds", "val_loss", "kept", "chosen"], trials[0].Keys);
        // 4 rates → 2 → 1 per variant, at 9/4 ≈ 2, 9/2 ≈ 4 (rounded half to even) and 9 epochs.
        Assert.Equal([("1", "2", 8), ("2", "4", 4), ("3", "9", 2)],
            trials.GroupBy(t => (t["round"], t["epochs"])).Select(g => (g.Key.Item1, g.Key.Item2, g.Count())));
        Assert.Equal(2, trials.Count(t => t["chosen"] == "1"));
        // lr 1000 diverges: it never survives the first round.
        Assert.All(trials.Where(t => t["lr"] == "1000"), t => Assert.Equal("0", t["kept"]));
        // Every trial scored on validation; the chosen one is the best of its variant's last round.
        foreach (var variant in new[] { "relu", "tanh" })
        {
            var first = trials.Where(t => t["variant"] == variant && t["round"] == "1" && t["lr"] != "1000").ToList();
            var kept = first.Where(t => t["kept"] == "1").Select(t => double.Parse(t["val_loss"])).ToList();
            Assert.All(first.Where(t => t["kept"] == "0"), t => Assert.True(double.Parse(t["val_loss"]) >= kept.Max()));
        }

        // The comparison: each variant at its chosen rate, with the experiment's 3 seeds and full epochs, the rate in a column.
        var summary = Rows(dir, "summary.csv");
        var chosen = trials.Where(t => t["chosen"] == "1").ToDictionary(t => t["variant"], t => t["lr"]);
        Assert.Equal(["relu", "tanh"], summary.Select(r => r["activation"]));
        Assert.All(summary, r => Assert.Equal(chosen[r["activation"]], r["lr"]));
        Assert.All(summary, r => Assert.Equal("3", r["n"]));
        Assert.Equal(6, Rows(dir, "runs.csv").Count);

        // config.yaml records the choice, and reads back to the same plan: its runs are the ones in runs.csv.
        var config = ConfigReader.ReadFile(Path.Combine(dir, "config.yaml"));
        Assert.Equal(chosen["relu"], config.Tuned!["relu"].Single(v => v.Key == "train.lr").Value);
        var plan = ExperimentPlan.Create(config);
        Assert.Equal(Rows(dir, "runs.csv").Select(r => r["run_id"]), plan.Runs.Select(r => r.RunId));
        Assert.Equal(0, CliRunner.Run("report", dir, "--no-plots").ExitCode);
        Assert.Contains("tune: chose on val_loss", result.Error);
        // The report says at which setting each variant was compared, before its verdicts.
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains($"Each variant at its own setting, chosen on its validation split by a halving search on val_loss (trials.csv lists every trial): `relu` lr={chosen["relu"]}; `tanh` lr={chosen["tanh"]}.", report);
        Assert.True(report.IndexOf("Each variant at its own setting", StringComparison.Ordinal) < report.IndexOf("| pair |", StringComparison.Ordinal));
    }

    [Fact]
    public void Resume_keeps_every_finished_trial_and_run()
    {
        string dir = CliRunner.TempDir(), config = WriteConfig();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", dir, "--no-plots", "--quiet").ExitCode);
        var before = Directory.EnumerateFiles(Path.Combine(dir, "trials"), "runs.csv", SearchOption.AllDirectories).Order()
            .Select(File.ReadAllText).ToList();
        var trials = File.ReadAllText(Path.Combine(dir, "trials.csv"));

        var again = CliRunner.Run("run", config, "--out", dir, "--no-plots", "--resume");
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("0 run(s) trained, 6 kept from before", again.Error);
        // The rounds' index files still hold the same runs with the same start times: nothing was trained again.
        Assert.Equal(before, Directory.EnumerateFiles(Path.Combine(dir, "trials"), "runs.csv", SearchOption.AllDirectories).Order().Select(File.ReadAllText));
        Assert.Equal(trials, File.ReadAllText(Path.Combine(dir, "trials.csv")));
    }

    [Fact]
    public void Compare_tunes_from_the_command_line_and_no_tune_drops_the_search()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--activations", "relu,tanh", "--dataset", "circles(train_size=200, test_size=100)", "--epochs", "4",
            "--tune", "lr=logspace(1e-2,1,3)", "--out", dir, "--no-plots", "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(6, Rows(dir, "trials.csv").Count);
        Assert.Equal(["0.01", "0.1", "1"], Rows(dir, "trials.csv").Select(t => t["lr"]).Distinct());

        string plain = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", WriteConfig(), "--no-tune", "--out", plain, "--no-plots", "--quiet").ExitCode);
        Assert.False(File.Exists(Path.Combine(plain, "trials.csv")));
        Assert.All(Rows(plain, "summary.csv"), r => Assert.False(r.ContainsKey("lr")));
    }

    [Theory]
    [InlineData("--set", "train.validation_fraction=0", "tune: the search chooses on a validation split")]
    [InlineData("--tune", "lr=loguniform(1e-4,1)", "use strategy: random")]
    [InlineData("--tune-strategy", "random", "random search needs trials: N")]
    public void A_search_that_cannot_run_says_why_in_one_line_and_writes_nothing(string option, string value, string message)
    {
        string dir = Path.Combine(CliRunner.TempDir(), "out");
        var result = CliRunner.Run("run", WriteConfig(), option, value, "--out", dir, "--quiet");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.False(File.Exists(Path.Combine(dir, "trials.csv")));
        Assert.False(File.Exists(Path.Combine(dir, "runs.csv")));
    }

    [Fact]
    public void A_trial_is_scored_on_validation_only()
    {
        static StoredRun Run(double testLoss) => new(new RunRecord("x", "ok", 2, DateTime.UnixEpoch, DateTime.UnixEpoch, "v", "c"),
        [
            new Core.Training.EpochMetrics(1, 0.5, 0.5, testLoss, 1 - testLoss, 0) { ValLoss = 0.4, ValAccuracy = 0.8 },
            new Core.Training.EpochMetrics(2, 0.3, 0.6, testLoss * 2, 1 - testLoss * 2, 0) { ValLoss = 0.3, ValAccuracy = 0.7 },
        ]);
        var spec = new TuneSpec();
        // The score is the best validation value over the epochs (as restore-best keeps it), whatever the test split says.
        Assert.Equal(0.3, TuningRunner.Score([Run(0.1)], spec));
        Assert.Equal(TuningRunner.Score([Run(0.1)], spec), TuningRunner.Score([Run(0.45)], spec));
        Assert.Equal(0.8, TuningRunner.Score([Run(0.1)], spec with { Metric = "val_accuracy" }));
        Assert.Equal((0.3 + 0.3) / 2, TuningRunner.Score([Run(0.1), Run(0.2)], spec));
        Assert.True(double.IsNaN(TuningRunner.Score([Run(0.1), null], spec)));
    }

    [Fact]
    public void The_verdict_judges_each_run_at_the_epoch_the_summary_reports()
    {
        // Validation on (compare's default): each run is reported at its best epoch, and the verdict's mean difference
        // is the difference of the summary's means, not of the last epochs'.
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--activations", "relu,tanh", "--seeds", "3", "--out", dir, "--no-plots", "--quiet");
        Assert.True(result.ExitCode == 0, result.Error);
        // The spiral's validation loss is lowest before the last of its 60 epochs, so the two choices differ here.
        Assert.Contains(Rows(dir, "summary.csv"), r => double.Parse(r["best_epoch"], System.Globalization.CultureInfo.InvariantCulture) < 60);
        var summary = Rows(dir, "summary.csv").ToDictionary(r => r["activation"], r => double.Parse(r["test_accuracy"], System.Globalization.CultureInfo.InvariantCulture));
        double points = Math.Abs(summary["relu"] - summary["tanh"]) * 100;
        string report = File.ReadAllText(Path.Combine(dir, "report.md"));
        Assert.Contains("On the reported test accuracy (each run at its best epoch on validation, else its last)", report);
        Assert.Contains(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"| +{points:0.00} pts |"), report);
    }

    [Fact]
    public void Random_search_draws_its_trials_from_the_seed_and_every_trial_trains_with_the_tune_seeds()
    {
        string[] args = ["compare", "--activations", "relu", "--dataset", "circles(train_size=200, test_size=100)", "--epochs", "3", "--seeds", "3",
            "--tune", "lr=loguniform(1e-3,1)", "--tune", "train.momentum=0,0.9", "--tune-strategy", "random", "--tune-trials", "5", "--no-plots", "--quiet"];
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run([.. args, "--out", a]).ExitCode);
        Assert.Equal(0, CliRunner.Run([.. args, "--out", b]).ExitCode);
        var trials = Rows(a, "trials.csv");
        Assert.Equal(["variant", "lr", "momentum", "round", "epochs", "seeds", "val_loss", "kept", "chosen"], trials[0].Keys);
        Assert.Equal(5, trials.Count);
        Assert.All(trials, t => Assert.InRange(double.Parse(t["lr"], System.Globalization.CultureInfo.InvariantCulture), 1e-3, 1));
        Assert.All(trials, t => Assert.Contains(t["momentum"], new[] { "0", "0.9" }));
        Assert.All(trials, t => Assert.Equal("1", t["seeds"]));
        // The same seed draws the same points and reaches the same choice.
        Assert.Equal(File.ReadAllText(Path.Combine(a, "trials.csv")), File.ReadAllText(Path.Combine(b, "trials.csv")));
        var chosen = trials.Single(t => t["chosen"] == "1");
        Assert.Equal(trials.Min(t => double.Parse(t["val_loss"], System.Globalization.CultureInfo.InvariantCulture)),
            double.Parse(chosen["val_loss"], System.Globalization.CultureInfo.InvariantCulture));
        var summary = Rows(a, "summary.csv").Single();
        Assert.Equal((chosen["lr"], chosen["momentum"]), (summary["lr"], summary["momentum"]));
    }

    [Fact]
    public void The_comparison_of_a_tuned_folder_shards_and_merges_like_any_run()
    {
        // The documented way to spread a tuned experiment: search once, then shard the comparison of its config.yaml
        // (which holds tuned:); the merged shards equal the comparison run whole.
        string whole = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", WriteConfig(), "--out", whole, "--no-plots", "--quiet").ExitCode);
        string config = Path.Combine(whole, "config.yaml");
        string[] shards = [Path.Combine(CliRunner.TempDir(), "s1"), Path.Combine(CliRunner.TempDir(), "s2")];
        for (int i = 0; i < 2; i++)
        {
            var shard = CliRunner.Run("run", config, "--shard", $"{i + 1}/2", "--out", shards[i], "--no-plots", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Error);
            Assert.False(File.Exists(Path.Combine(shards[i], "trials.csv")));
        }
        string merged = Path.Combine(CliRunner.TempDir(), "merged");
        var merge = CliRunner.Run("merge", shards[0], shards[1], "--out", merged);
        Assert.True(merge.ExitCode == 0, merge.Error);
        static IEnumerable<string> Numbers(string dir) => Rows(dir, "summary.csv").Select(r => string.Join(",", r.Where(kv => kv.Key != "train_seconds").Select(kv => kv.Value)));
        Assert.Equal(Numbers(whole), Numbers(merged));
    }

    [Fact]
    public void A_search_shards_by_variant_and_the_merged_shards_equal_the_search_run_whole()
    {
        // As experiments/cluster/slurm-array.sh runs it: every shard with --resume, then merge.
        string whole = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", WriteConfig(), "--out", whole, "--no-plots", "--quiet").ExitCode);
        string config = WriteConfig();
        string[] shards = [Path.Combine(CliRunner.TempDir(), "s1"), Path.Combine(CliRunner.TempDir(), "s2"), Path.Combine(CliRunner.TempDir(), "s3")];
        for (int i = 0; i < shards.Length; i++)
        {
            var shard = CliRunner.Run("run", config, "--shard", $"{i + 1}/3", "--resume", "--out", shards[i], "--no-plots", "--quiet");
            Assert.True(shard.ExitCode == 0, shard.Error);
        }
        // Variant k goes to shard k mod 3 + 1: relu searches in shard 1, tanh in shard 2, shard 3 has nothing to do.
        Assert.Equal(["relu"], Rows(shards[0], "trials.csv").Select(t => t["variant"]).Distinct());
        Assert.Equal(["tanh"], Rows(shards[1], "trials.csv").Select(t => t["variant"]).Distinct());
        Assert.False(File.Exists(Path.Combine(shards[2], "trials.csv")));

        string merged = Path.Combine(CliRunner.TempDir(), "merged");
        var merge = CliRunner.Run("merge", shards[0], shards[1], shards[2], "--out", merged);
        Assert.True(merge.ExitCode == 0, merge.Error);
        static IEnumerable<string> Numbers(string dir) => Rows(dir, "summary.csv").Select(r => string.Join(",", r.Where(kv => kv.Key != "train_seconds").Select(kv => kv.Value)));
        Assert.Equal(Numbers(whole), Numbers(merged));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "trials.csv")), File.ReadAllText(Path.Combine(merged, "trials.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "config.yaml")), File.ReadAllText(Path.Combine(merged, "config.yaml")));
    }
}
