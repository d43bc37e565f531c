using System.Text.Json;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>The shipped experiments travel with the tool: list, show, copy, and run by name outside a clone.</summary>
public class ExperimentsCommandTests
{
    private static string RepoFile(string relative)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ActRun.sln"))) root = Path.GetDirectoryName(root)!;
        return Path.Combine(root, relative);
    }

    [Fact]
    public void List_names_every_shipped_experiment_with_its_description_in_each_format()
    {
        var names = Directory.GetFiles(RepoFile("experiments"), "*.yaml").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal).ToList();

        var json = CliRunner.Run("experiments", "list", "--format", "json");
        var csv = CliRunner.Run("experiments", "list", "--format", "csv");
        var table = CliRunner.Run("experiments", "list");

        Assert.Equal(0, json.ExitCode);
        var rows = JsonDocument.Parse(json.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(names, rows.Select(r => r.GetProperty("name").GetString()!).ToList());
        var deadRelu = rows.Single(r => r.GetProperty("name").GetString() == "dead-relu");
        Assert.Equal("relu vs leaky_relu vs elu at a normal and a very high SGD learning rate", deadRelu.GetProperty("description").GetString());
        Assert.Equal(0, csv.ExitCode);
        Assert.StartsWith("name,description\n", csv.Out);
        Assert.Equal(names.Count + 1, csv.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("\"relu vs x^2, the extended square root and log(x) on MNIST\"", csv.Out);
        Assert.Equal(0, table.ExitCode);
        Assert.All(names, n => Assert.Contains(n, table.Out));
        Assert.Equal("", table.Error);
    }

    [Fact]
    public void Show_prints_the_file_with_its_comments()
    {
        var result = CliRunner.Run("experiments", "show", "activations-on-circles");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(File.ReadAllText(RepoFile("experiments/activations-on-circles.yaml")), result.Out);
        Assert.StartsWith("#", result.Out);
    }

    [Fact]
    public void Copy_writes_the_file_and_keeps_an_existing_one_unless_overwrite()
    {
        string dir = Path.Combine(CliRunner.TempDir(), "mine");
        string target = Path.Combine(dir, "dead-relu.yaml");

        var first = CliRunner.Run("experiments", "copy", "dead-relu", dir);
        Assert.Equal(0, first.ExitCode);
        Assert.Equal(target, first.Out.Trim());
        Assert.Equal(File.ReadAllBytes(RepoFile("experiments/dead-relu.yaml")), File.ReadAllBytes(target));

        File.WriteAllText(target, "# my edits\n");
        var again = CliRunner.Run("experiments", "copy", "dead-relu", dir);
        Assert.Equal(2, again.ExitCode);
        Assert.Equal("", again.Out);
        Assert.Single(again.Error.Trim().Split('\n'));
        Assert.Contains("already exists", again.Error);
        Assert.Contains("--overwrite", again.Error);
        Assert.Equal("# my edits\n", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(dir));

        var overwrite = CliRunner.Run("experiments", "copy", "dead-relu", dir, "--overwrite");
        Assert.Equal(0, overwrite.ExitCode);
        Assert.Equal(File.ReadAllBytes(RepoFile("experiments/dead-relu.yaml")), File.ReadAllBytes(target));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("copy")]
    public void A_mistyped_name_is_one_line_with_a_suggestion(string verb)
    {
        string[] args = verb == "copy" ? ["experiments", verb, "dead-rleu", CliRunner.TempDir()] : ["experiments", verb, "dead-rleu"];

        var result = CliRunner.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("actrun: no shipped experiment 'dead-rleu'. Did you mean 'dead-relu'? See 'actrun experiments list'.", result.Error.Trim());
    }

    [Fact]
    public void Run_NAME_runs_the_shipped_experiment_from_any_folder_and_names_results_like_the_file()
    {
        // The real binary in a folder without experiments/: the shipped copy is what runs.
        string elsewhere = CliRunner.TempDir();
        string outDir = Path.Combine(elsewhere, "out");

        var result = CliRunner.RunProcess(elsewhere, "run", "output-activations-binary", "--set", "train.epochs=1", "--set", "seeds=1",
            "--no-plots", "--out", outDir, "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("running the shipped experiment 'output-activations-binary'", result.Error);
        var runs = CsvTable.Read(Path.Combine(outDir, "runs.csv"));
        Assert.Equal(3, runs.Count);
        Assert.Contains("name: output-activations-binary", File.ReadAllText(Path.Combine(outDir, "config.yaml")));
    }

    [Fact]
    public void Run_NAME_without_out_makes_the_same_folder_name_as_the_file()
    {
        string elsewhere = CliRunner.TempDir();

        var result = CliRunner.RunProcess(elsewhere, "run", "output-activations-binary", "--set", "train.epochs=1", "--set", "seeds=1", "--no-plots", "-q");

        Assert.True(result.ExitCode == 0, result.Error);
        var folder = Assert.Single(Directory.GetDirectories(Path.Combine(elsewhere, "results")));
        Assert.EndsWith("-output-activations-binary", Path.GetFileName(folder));
    }

    [Fact]
    public void A_file_of_that_name_wins_over_the_shipped_experiment()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "dead-relu"), """
            name: local
            dataset: {name: circles, train_size: 100, test_size: 50}
            model: {hidden: [4], activation: relu}
            train: {epochs: 1, batch_size: 32, optimizer: adam, lr: 0.02}
            """);

        var result = CliRunner.RunProcess(dir, "run", "dead-relu", "--dry-run", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1 variant(s) x 1 seed(s)", result.Error);
        Assert.DoesNotContain("shipped", result.Error);
    }

    [Fact]
    public void Run_of_a_mistyped_name_suggests_the_shipped_one()
    {
        var result = CliRunner.RunProcess(CliRunner.TempDir(), "run", "mnist-linear-vs-nonlinaer", "--check");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Equal("actrun: mnist-linear-vs-nonlinaer: no such file, and no shipped experiment of that name. Did you mean 'mnist-linear-vs-nonlinear'? See 'actrun experiments list'.",
            result.Error.Trim());
    }
}
