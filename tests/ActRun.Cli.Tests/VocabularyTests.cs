using System.CommandLine;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>One option name per concept; --set/--sweep on compare; --no-expect and skipped expectations; command suggestions; help width.</summary>
public class VocabularyTests
{
    private const string Experiment = """
        name: tiny
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 1, batch_size: 32, optimizer: adam, lr: 0.02}
        sweep:
          model.activation: [relu, tanh]
          train.lr: [0.02, 0.05]
        expect:
          relu lr=0.02: {test_accuracy: [0.99, 1]}
          tanh lr=0.05: {test_accuracy: [0, 1]}
        """;

    private static string WriteConfig(string text = Experiment) => CliRunner.WriteConfig(text);

    private static List<Dictionary<string, string>> Rows(string dir, string file) => CliRunner.Rows(dir, file);

    [Fact]
    public void Compare_applies_set_and_sweep_to_the_config_it_builds()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "--activations", "relu,tanh", "--dataset", "circles(train_size=200, test_size=100)", "--epochs", "3",
            "--set", "train.epochs=2", "--set", "model.hidden=[4]", "--sweep", "train.lr=0.01,0.05", "--out", dir, "-q", "--no-plots", "--format", "csv");
        Assert.True(result.ExitCode == 0, result.Error);
        var summary = Rows(dir, "summary.csv");
        Assert.Equal(["relu/0.01", "relu/0.05", "tanh/0.01", "tanh/0.05"], summary.Select(r => $"{r["activation"]}/{r["lr"]}"));
        Assert.All(summary, r => Assert.Equal("2", r["epochs"]));
        Assert.All(summary, r => Assert.Equal("[4]", r["hidden"]));
        Assert.Equal(2 * 2 * 2, Rows(dir, "metrics.csv").Count);
        string config = File.ReadAllText(Path.Combine(dir, "config.yaml"));
        Assert.Contains("train.lr: [0.01, 0.05]", config);

        var bad = CliRunner.Run("compare", "--set", "train.lrr=0.1", "--out", CliRunner.TempDir());
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("train.lr", bad.Error);
    }

    [Fact]
    public void Run_no_expect_drops_the_expect_section()
    {
        string config = WriteConfig();
        // relu lr=0.02 after one epoch is far from [0.99, 1]: --check fails with the ranges and passes without them.
        string withRanges = CliRunner.TempDir(), without = CliRunner.TempDir();
        Assert.Equal(4, CliRunner.Run("run", config, "--out", withRanges, "-q", "--no-plots", "--check").ExitCode);
        Assert.Contains("expected", Rows(withRanges, "summary.csv")[0].Keys);

        var result = CliRunner.Run("run", config, "--out", without, "-q", "--no-plots", "--check", "--no-expect");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.DoesNotContain("expected", Rows(without, "summary.csv")[0].Keys);
        Assert.DoesNotContain("expect:", File.ReadAllText(Path.Combine(without, "config.yaml")));
    }

    [Fact]
    public void Expect_entries_an_override_leaves_without_a_variant_are_skipped_with_one_line()
    {
        string config = WriteConfig();
        var result = CliRunner.Run("run", config, "--sweep", "train.lr=0.05,0.1", "--dry-run", "-q");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("actrun: expect: skipped 1 entry that matches no variant after --set/--sweep: 'relu lr=0.02'.\n", result.Error);

        var set = CliRunner.Run("run", config, "--set", "train.lr=0.3", "--dry-run", "-q");
        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Equal("actrun: expect: skipped 2 entries that match no variant after --set/--sweep: 'relu lr=0.02', 'tanh lr=0.05'.\n", set.Error);

        // The kept entry still applies: its range is in the summary.
        string dir = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--sweep", "train.lr=0.05", "--out", dir, "-q", "--no-plots").ExitCode);
        Assert.Equal(["", "test_accuracy in [0, 1]"], Rows(dir, "summary.csv").Select(r => r["expected"]));
    }

    [Fact]
    public void An_expect_entry_that_matches_nothing_as_written_stays_an_error_after_an_override()
    {
        string config = WriteConfig(Experiment + "\n  sigmoid: {test_accuracy: [0, 1]}\n");
        var result = CliRunner.Run("run", config, "--sweep", "train.lr=0.05", "--dry-run", "-q");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expect: 'sigmoid' matches no variant", result.Error);
    }

    [Fact]
    public void Run_takes_threads_and_keeps_parallel_as_a_hidden_former_name()
    {
        string config = WriteConfig();
        string a = CliRunner.TempDir(), b = CliRunner.TempDir();
        Assert.Equal(0, CliRunner.Run("run", config, "--out", a, "-q", "--no-plots", "--threads", "1").ExitCode);
        Assert.Equal(0, CliRunner.Run("run", config, "--out", b, "-q", "--no-plots", "--parallel", "2").ExitCode);
        var both = CliRunner.Run("run", config, "--out", CliRunner.TempDir(), "--threads", "1", "--parallel", "2");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("--parallel is the former name of --threads", both.Error);
        string help = CliRunner.Run("run", "--help").Out;
        Assert.Contains("--threads", help);
        Assert.DoesNotContain("--parallel", help);
    }

    [Fact]
    public void Activations_table_and_plot_take_activations_as_compare_does_and_keep_names_hidden()
    {
        var table = CliRunner.Run("activations", "table", "--activations", "relu,tanh", "--x", "1");
        Assert.True(table.ExitCode == 0, table.Error);
        Assert.Equal(table.Out, CliRunner.Run("activations", "table", "--names", "relu,tanh", "--x", "1").Out);
        Assert.Equal(table.Out, CliRunner.Run("activations", "table", "-a", "relu,tanh", "--x", "1").Out);
        Assert.Equal("actrun: activations table needs --activations, e.g. --activations relu,tanh.\n", CliRunner.Run("activations", "table", "--x", "1").Error);
        Assert.Equal(2, CliRunner.Run("activations", "plot", "--out", Path.Combine(CliRunner.TempDir(), "a.png")).ExitCode);
        Assert.Contains("former name", CliRunner.Run("activations", "table", "-n", "relu", "-a", "relu", "--x", "1").Error);
        Assert.DoesNotContain("--names", CliRunner.Run("activations", "table", "--help").Out);
    }

    [Fact]
    public void Every_option_name_means_one_thing_across_commands()
    {
        // An option's name and its description are the same wherever it appears (a command-specific default aside),
        // and no two names share a description: one name per concept.
        var commands = Commands(CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, false, default))).ToList();
        var options = commands.SelectMany(c => c.Options.Where(o => !o.Hidden).Select(o => (Command: c.Name, o.Name, Description: o.Description ?? ""))).ToList();
        var byDescription = options.GroupBy(o => o.Description).Where(g => g.Select(o => o.Name).Distinct().Count() > 1).ToList();
        Assert.True(byDescription.Count == 0, string.Join("; ", byDescription.Select(g => string.Join(" / ", g.Select(o => $"{o.Command} {o.Name}")))));
        Assert.Contains(options, o => o.Command == "run" && o.Name == "--threads");
        Assert.Contains(options, o => o.Command == "compare" && o.Name == "--threads");
        Assert.Contains(options, o => o.Command == "compare" && o.Name == "--set");
        Assert.Contains(options, o => o.Command == "compare" && o.Name == "--sweep");
        // A list of activations is --activations everywhere.
        Assert.Equal(["compare", "plot", "table"], options.Where(o => o.Name == "--activations").Select(o => o.Command).Order());
    }

    private static IEnumerable<Command> Commands(Command command) => command.Subcommands.SelectMany(Commands).Prepend(command);

    [Theory]
    [InlineData(new[] { "comapre" }, "actrun: 'comapre' is not a command of 'actrun'. Did you mean 'compare'? Commands: compare, ")]
    [InlineData(new[] { "data", "fecth" }, "actrun: 'fecth' is not a command of 'actrun data'. Did you mean 'fetch'? Commands: list, fetch, verify, path. See 'actrun data --help'.")]
    [InlineData(new[] { "data" }, "actrun: 'actrun data' needs a command. Commands: list, fetch, verify, path. See 'actrun data --help'.")]
    [InlineData(new string[0], "actrun: 'actrun' needs a command. Commands: compare, ")]
    public void An_unknown_or_missing_command_lists_the_commands_with_the_closest(string[] args, string expected)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith(expected, result.Error);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Commands_left_out_of_the_command_line_are_stubs_with_the_same_name_and_help()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null, false, default);
        var full = CliApp.BuildRoot(context).Subcommands;
        var stubbed = CliApp.BuildRoot(context, ["--help"]).Subcommands;
        Assert.Equal(full.Select(c => (c.Name, c.Description)), stubbed.Select(c => (c.Name, c.Description)));
        Assert.Empty(stubbed.Single(c => c.Name == "compare").Options);
        Assert.Empty(stubbed.Single(c => c.Name == "run").Options);
        // Named anywhere on the line (after a recursive option too), a command is built whole.
        Assert.Contains(CliApp.BuildRoot(context, ["--verbose", "compare"]).Subcommands.Single(c => c.Name == "compare").Options, o => o.Name == "--layers");

        var root = CliRunner.Run("--help");
        Assert.Equal(0, root.ExitCode);
        Assert.Contains("Run an experiment file", root.Out);
        var compare = CliRunner.Run("--verbose", "compare", "--activations", "relu", "--dataset", "circles(train_size=100, test_size=50)", "--epochs", "1",
            "--out", CliRunner.TempDir(), "--overwrite", "--quiet", "--no-plots");
        Assert.True(compare.ExitCode == 0, compare.Error);
    }

    [Fact]
    public void No_help_line_is_wider_than_100_characters_when_stdout_is_not_a_terminal()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, false, default));
        var paths = Commands(root).Select(c => CommandPath(root, c)).ToList();
        Assert.Contains(["diff"], paths);
        foreach (var path in paths)
        {
            // The real binary, its stdout a pipe.
            var result = CliRunner.RunProcess(CliRunner.TempDir(), [.. path, "--help"]);
            Assert.True(result.ExitCode == 0, result.Error);
            var lines = result.Out.Split('\n');
            Assert.True(lines.Length > 3, string.Join(' ', path));
            var wide = lines.Where(l => l.TrimEnd('\r').Length > CliApp.HelpWidth).ToList();
            Assert.True(wide.Count == 0, $"actrun {string.Join(' ', path)} --help: {wide.Count} line(s) over {CliApp.HelpWidth}: {wide.FirstOrDefault()}");
        }
    }

    private static string[] CommandPath(Command root, Command command)
    {
        if (command == root) return [];
        var parent = Commands(root).First(c => c.Subcommands.Contains(command));
        return [.. CommandPath(root, parent), command.Name];
    }
}
