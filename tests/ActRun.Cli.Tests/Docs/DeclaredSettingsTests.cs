using System.CommandLine;
using System.Globalization;
using ActRun.Core;
using ActRun.Core.Experiments;

namespace ActRun.Cli.Tests.Docs;

/// <summary>
/// A setting is declared once (<see cref="ConfigKey"/> in DatasetKeys, ModelKeys, TrainKeys; optimizer and toy-set
/// parameters in their own tables) and everything else follows from that declaration: the config reader and writer,
/// --set and --sweep, the key's own option, and the generated references. These tests walk every declaration, so a
/// new setting is covered the moment it is declared.
/// </summary>
public sealed class DeclaredSettingsTests
{
    public static TheoryData<string> Keys() => [.. ConfigKeys.All.Select(k => k.Path)];

    public static TheoryData<string> KeysWithOptions() => [.. ConfigKeys.All.Where(k => k.Option is not null).Select(k => k.Path)];

    [Fact]
    public void The_declared_keys_are_every_key_but_those_made_from_the_toy_and_optimizer_tables_in_the_same_order()
    {
        var made = ConfigKeys.All.Where(k => !ConfigKeys.Declared.Contains(k)).Select(k => k.Path).ToList();
        var expected = Core.Data.Toy.ToyOptions.All.Select(o => "dataset." + o.Name)
            .Concat(Core.Optimizers.OptimizerParameters.All.Where(p => p.Name != "momentum").Select(p => "train." + p.Name));
        Assert.Equal(expected.Order(), made.Order());
        Assert.Equal(ConfigKeys.All.Where(ConfigKeys.Declared.Contains), ConfigKeys.Declared);
        // compare builds its options from the declared keys only: a made key must not declare one.
        Assert.DoesNotContain(ConfigKeys.All.Except(ConfigKeys.Declared), k => k.Option is not null);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_setting_is_in_the_config_reference_with_its_value_and_description(string path)
    {
        var key = ConfigKeys.Find(path)!;
        string row = ReferenceDocs.ConfigReference().Split('\n').Single(l => l.StartsWith($"| `{path}` |", StringComparison.Ordinal));
        Assert.StartsWith($"| `{path}` | {ReferenceDocs.Cell(key.Expected)} |", row);
        Assert.EndsWith($"| `{key.Column}` | {ReferenceDocs.Cell(key.Description)} |", row);
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_setting_is_read_from_its_section_of_a_config_file(string path)
    {
        var key = ConfigKeys.Find(path)!;
        int dot = path.IndexOf('.');
        string section = path[..dot], leaf = path[(dot + 1)..];
        if (key.Default.Length > 0)
        {
            // The default, written in the file, reads back as itself.
            var config = ConfigReader.Parse($"{section}:\n  {leaf}: {Quoted(key.Default)}\n", "exp.yaml");
            Assert.Equal(key.Default, key.Get(config));
        }
        else
        {
            // A key without a default value: the reader knows it, and checks its value (it is not an unknown key).
            var error = Assert.Throws<ConfigException>(() => ConfigReader.Parse($"{section}:\n  {leaf}: {{a: {{b: c}}}}\n", "exp.yaml"));
            Assert.DoesNotContain("unknown key", error.Message);
            Assert.StartsWith("exp.yaml: line 2", error.Message);
        }
    }

    [Fact]
    public void A_config_with_every_setting_at_its_default_writes_and_reads_back_unchanged()
    {
        var written = ConfigYaml.Serialize(new ExperimentConfig());
        var read = ConfigReader.Parse(written, "config.yaml");
        foreach (var key in ConfigKeys.All)
            Assert.Equal(key.Default, key.Get(read));
        Assert.Equal(written, ConfigYaml.Serialize(read));
    }

    [Theory]
    [MemberData(nameof(KeysWithOptions))]
    public void A_setting_with_an_option_has_it_on_compare_with_the_declared_help(string path)
    {
        var declared = ConfigKeys.Find(path)!.Option!;
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, false, CancellationToken.None));
        var option = root.Subcommands.Single(c => c.Name == "compare").Options.Single(o => o.Name == declared.Name);
        Assert.StartsWith(declared.Help, option.Description);
        Assert.Contains($"| `{declared.Name}` | {ReferenceDocs.Cell(declared.Help)}", ReferenceDocs.CliReference());
    }

    [Theory]
    [MemberData(nameof(KeysWithOptions))]
    public void A_bad_value_for_the_option_is_refused_with_the_words_of_set(string path)
    {
        var declared = ConfigKeys.Find(path)!.Option!;
        var byOption = CliRunner.Run("compare", declared.Name, "bad");
        var bySet = CliRunner.Run("compare", "--set", $"{path}=bad");
        Assert.Equal(2, byOption.ExitCode);
        Assert.Equal(2, bySet.ExitCode);
        Assert.Equal($"actrun: {declared.Name}: ", byOption.Error.Trim()[..(declared.Name.Length + 10)]);
        Assert.Equal(After(bySet.Error, $"--set {path}=bad: "), After(byOption.Error, $"{declared.Name}: "));

        static string After(string error, string prefix) => error.Trim()[(error.Trim().IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..];
    }

    [Fact]
    public void Compare_stores_its_options_in_config_yaml_as_set_would_and_as_it_did_before_they_were_declared()
    {
        // Written by compare before its options came from the declarations (commit 427d22e); it must not change.
        const string Pinned = """
            name: compare
            description: compare relu, selu on circles(train_size=60, test_size=30)
            dataset: circles(train_size=60, test_size=30)
            model:
              hidden: [8, 4]
              activation: relu
              output: softmax
              init: he_normal
            train:
              epochs: 2
              batch_size: 16
              optimizer: adam
              lr: 0.005
              momentum: 0
              divergence_factor: 0
            seed: 42
            seeds: 1
            sweep:
              model.activation: [relu, selu]

            """;
        string[] common = ["compare", "-a", "relu,selu", "--dataset", "circles(train_size=60, test_size=30)", "--hidden", "8,4", "--quiet", "--no-plots", "--no-diagnostics"];
        string byOptions = CliRunner.TempDir(), bySet = CliRunner.TempDir();
        var a = CliRunner.Run([.. common, "--out", byOptions, "--epochs", "2", "--optimizer", "adam", "--lr", "0.005", "--batch-size", "16",
            "--divergence-factor", "off", "--validation-fraction", "0", "--init", "he_normal", "--output-activation", "softmax"]);
        var b = CliRunner.Run([.. common, "--out", bySet, "--optimizer", "adam", "--set", "train.epochs=2", "--set", "train.lr=0.005", "--set", "train.batch_size=16",
            "--set", "train.divergence_factor=off", "--set", "train.validation_fraction=0", "--set", "model.init=he_normal", "--set", "model.output=softmax"]);
        Assert.True(a.ExitCode == 0, a.Error);
        Assert.True(b.ExitCode == 0, b.Error);
        Assert.Equal(Pinned.Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(byOptions, "config.yaml")));
        Assert.Equal(Pinned.Replace("\r\n", "\n"), File.ReadAllText(Path.Combine(bySet, "config.yaml")));
        Assert.Equal(CliRunner.Rows(byOptions, "runs.csv").Select(r => r["run_id"]), CliRunner.Rows(bySet, "runs.csv").Select(r => r["run_id"]));
    }

    /// <summary>docs/optimizers.md is written by hand: it must still name what the tables declare.</summary>
    [Fact]
    public void The_optimizers_page_names_every_optimizer_parameter_and_every_schedule_parameter_with_its_default()
    {
        string page = File.ReadAllText(Path.Combine(DocFiles.RepoRoot, "docs", "optimizers.md"));
        foreach (var p in Core.Optimizers.OptimizerParameters.All)
            Assert.Contains($"`{p.Name}`", page);
        var rows = page.Split('\n');
        foreach (var kind in Core.Optimizers.LearningRateSchedule.Kinds)
        {
            string row = rows.Single(l => l.StartsWith($"| `{kind.Name}` |", StringComparison.Ordinal));
            foreach (var p in kind.Parameters)
            {
                int at = row.IndexOf($"`{p.Name}`", StringComparison.Ordinal);
                Assert.True(at >= 0, $"the {kind.Name} row does not name {p.Name}");
                int open = row.IndexOf('(', at), close = row.IndexOf(')', open);
                string shown = row[(open + 1)..close];
                double value = shown.Split('/') is [var n, var d] ? double.Parse(n, CultureInfo.InvariantCulture) / double.Parse(d, CultureInfo.InvariantCulture)
                    : double.Parse(shown, CultureInfo.InvariantCulture);
                Assert.True(Math.Abs(value - p.Default) <= 1e-12 * Math.Max(1, Math.Abs(p.Default)), $"{kind.Name} {p.Name}: the page says {shown}, the table {p.Default}");
            }
        }
    }

    private static string Quoted(string value) => value.Contains(',') || value.Contains('(') ? $"'{value}'" : value;
}
