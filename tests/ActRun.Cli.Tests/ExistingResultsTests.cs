using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>Results already in a folder are never replaced without being asked; --overwrite removes what they wrote, and only that.</summary>
public class ExistingResultsTests
{
    private const string Config = "dataset: {name: circles, train_size: 200, test_size: 100}\ntrain: {epochs: 1}\nsweep:\n  model.activation: [sigmoid]\n";

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => f, f => Convert.ToHexString(File.ReadAllBytes(f)));

    /// <summary>A finished comparison with everything ActRun writes: plots, report, saved models; and two files of the user's.</summary>
    private static string Finished(string dir)
    {
        string folder = Path.Combine(dir, "res");
        var first = CliRunner.Run("compare", "-a", "relu,tanh", "--epochs", "2", "--save-model", "--quiet", "--out", folder);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.NotEmpty(Directory.GetFiles(folder, "regions_*.png"));
        Assert.Equal(2, Directory.GetFiles(Path.Combine(folder, "models"), "*.actrun-model").Length);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(folder, "models", "README"), "mine too");
        return folder;
    }

    private static string[] Args(string command, string dir, string folder, params string[] more)
    {
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, Config);
        return command switch
        {
            "compare" => ["compare", "-a", "sigmoid", "--epochs", "1", "--out", folder, .. more],
            "run" => ["run", config, "--out", folder, .. more],
            _ => ["merge", Merged(dir, config), "--out", folder, .. more],
        };
    }

    /// <summary>A finished sigmoid experiment to merge from.</summary>
    private static string Merged(string dir, string config)
    {
        string shard = Path.Combine(dir, "shard");
        var result = CliRunner.Run("run", config, "--out", shard, "--quiet", "--no-plots");
        Assert.True(result.ExitCode == 0, result.Error);
        return shard;
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("run")]
    [InlineData("merge")]
    public void Writing_into_a_folder_that_holds_results_is_refused_with_one_line_and_changes_nothing(string command)
    {
        string dir = CliRunner.TempDir();
        string folder = Finished(dir);
        string[] args = Args(command, dir, folder);
        var before = Snapshot(folder);

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Trim().Split('\n'));
        string offer = command == "run" ? "add --resume to continue them or --overwrite to replace them" : "add --overwrite to replace them";
        Assert.StartsWith($"actrun: --out '{folder}' already holds results; {offer}, or choose another folder (it has ", result.Error);
        Assert.Equal(before, Snapshot(folder));
    }

    [Theory]
    [InlineData("compare")]
    [InlineData("run")]
    [InlineData("merge")]
    public void Overwrite_removes_the_earlier_plots_models_and_files_keeps_the_users_and_writes_complete_results(string command)
    {
        string dir = CliRunner.TempDir();
        string folder = Finished(dir);

        var result = CliRunner.Run([.. Args(command, dir, folder, "--overwrite"), .. command == "merge" ? new[] { "--no-plots" } : ["--no-plots", "--quiet"]]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Empty(Directory.GetFiles(folder, "*.png"));
        Assert.Equal(["README"], Directory.GetFiles(Path.Combine(folder, "models")).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
        Assert.Equal(["sigmoid"], CsvFiles.Read<SummaryRecord>(Path.Combine(folder, "summary.csv")).Select(s => s.Activation));
        var runs = ResultFolder.Load(folder);
        Assert.Single(runs);
        Assert.All(runs.Values, r => Assert.Equal("ok", r.Record.Status));
        Assert.All(CsvFiles.Read<MetricRecord>(Path.Combine(folder, "metrics.csv")), m => Assert.Equal("sigmoid", m.Activation));
        Assert.Contains("sigmoid", File.ReadAllText(Path.Combine(folder, "config.yaml")));
        Assert.DoesNotContain("tanh", File.ReadAllText(Path.Combine(folder, "config.yaml")));
        // A new report, about the new results only (merge writes one too, as a whole run does).
        Assert.DoesNotContain("tanh", File.ReadAllText(Path.Combine(folder, "report.md")));
        foreach (string file in new[] { "layers.csv", "regions.csv" }.Where(f => File.Exists(Path.Combine(folder, f))))
            Assert.DoesNotContain("tanh", File.ReadAllText(Path.Combine(folder, file)));
    }

    [Fact]
    public void Resume_and_overwrite_together_are_a_usage_error()
    {
        string dir = CliRunner.TempDir();

        var result = CliRunner.Run(Args("run", dir, Path.Combine(dir, "res"), "--resume", "--overwrite"));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("actrun: --resume continues the results in --out and --overwrite replaces them: give one of them.", result.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(dir, "res")));
    }

    [Fact]
    public void Merging_into_one_of_the_merged_folders_is_a_usage_error_even_with_overwrite()
    {
        string dir = CliRunner.TempDir();
        string[] args = Args("merge", dir, "unused");
        string shard = args[1];
        var before = Snapshot(shard);

        var result = CliRunner.Run("merge", shard, "--out", shard + "/", "--overwrite");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"actrun: --out '{shard}/' is one of the folders being merged ('{shard}'); merge into another folder.", result.Error.Trim());
        Assert.Equal(before, Snapshot(shard));
    }

    [Fact]
    public void An_empty_folder_or_one_with_only_other_files_is_written_without_overwrite()
    {
        string dir = CliRunner.TempDir();
        string folder = Path.Combine(dir, "res");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");

        var result = CliRunner.Run("compare", "-a", "relu", "--epochs", "1", "--quiet", "--no-plots", "--out", folder);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(folder, "summary.csv")));
    }

    /// <summary>Every plot the CLI draws is one that --overwrite knows to remove.</summary>
    [Fact]
    public void Every_file_a_comparison_writes_is_recognised_as_a_result_file()
    {
        string dir = CliRunner.TempDir();
        string folder = Finished(dir);
        File.Delete(Path.Combine(folder, "notes.txt"));

        var files = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => !f!.StartsWith('.')).ToList();

        Assert.Contains("gradient_norms.png", files);
        Assert.All(files, f => Assert.True(ResultFolder.IsResultFile(f!), $"{f} is written by compare but not known as a result file"));
    }
}
