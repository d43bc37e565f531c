using ActRun.Core.Experiments;

namespace ActRun.Cli.Tests.Docs;

/// <summary>
/// The generated references are what the code says: docs/cli-reference.md from the command tree,
/// docs/config-reference.md from the config keys. With ACTRUN_UPDATE_DOCS=1 the tests write the files instead.
/// </summary>
public sealed class ReferenceDocsTests
{
    [Fact]
    public void Cli_reference_matches_the_command_tree() => Check("docs/cli-reference.md", ReferenceDocs.CliReference());

    [Fact]
    public void Config_reference_matches_the_config_keys() => Check("docs/config-reference.md", ReferenceDocs.ConfigReference());

    [Fact]
    public void Every_config_key_has_a_description_and_every_description_a_key()
    {
        var undocumented = ConfigKeys.All.Where(k => string.IsNullOrWhiteSpace(k.Description)).Select(k => k.Path)
            .Concat(ConfigKeys.TopLevel.Where(k => !ConfigKeyDocs.TopLevel.ContainsKey(k))).ToList();
        Assert.True(undocumented.Count == 0, $"config keys without a description: {string.Join(", ", undocumented)}");
        var stale = ConfigKeyDocs.TopLevel.Keys.Where(k => !ConfigKeys.TopLevel.Contains(k)).ToList();
        Assert.True(stale.Count == 0, $"ConfigKeyDocs describes top-level keys that do not exist: {string.Join(", ", stale)}");
        Assert.Equal(ConfigKeys.All.Count, ConfigKeys.All.Select(k => k.Path).Distinct().Count());
    }

    [Fact]
    public void The_cli_reference_lists_every_command_and_option_with_its_default()
    {
        string text = ReferenceDocs.CliReference();
        // Known values, to show the walk reaches nested commands, aliases, arguments and defaults.
        Assert.Contains("## actrun compare\n", text);
        Assert.Contains("## actrun data fetch\n", text);
        Assert.Contains("| `--activations`, `-a` |", text);
        Assert.Contains("| `relu,tanh,sigmoid` |", text);
        Assert.Contains("| `--seed` |", text);
        Assert.Contains("| `42` |", text);
        Assert.Contains("| `CONFIG` |", text);
        Assert.Contains("| `--verbose` |", text);
        // Every option of every command is in it, under its command.
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, false, CancellationToken.None));
        foreach (var command in root.Subcommands.Where(c => !c.Hidden))
        {
            int at = text.IndexOf($"## actrun {command.Name}\n", StringComparison.Ordinal);
            Assert.True(at >= 0, $"no section for {command.Name}");
            foreach (var option in command.Options.Where(o => !o.Hidden))
                Assert.True(text.IndexOf($"| `{option.Name}`", at, StringComparison.Ordinal) >= 0, $"{command.Name} {option.Name} is missing");
        }
    }

    [Fact]
    public void The_config_reference_gives_each_key_its_type_and_default()
    {
        string text = ReferenceDocs.ConfigReference();
        Assert.Contains("| `train.lr` | a positive number | `0.01` | `lr` |", text);
        Assert.Contains("| `model.hidden` | a list of layer widths such as [64, 64] | `[16]` | `hidden` |", text);
        Assert.Contains("| `train.epochs` | a positive whole number | `40` | `train_epochs` |", text);
        Assert.Contains("| `seed` | a whole number >= 0 | `42` |", text);
    }

    private static void Check(string relative, string generated)
    {
        string path = Path.Combine(DocFiles.RepoRoot, relative);
        if (Environment.GetEnvironmentVariable("ACTRUN_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(path, generated);
            return;
        }
        string committed = File.Exists(path) ? File.ReadAllText(path).Replace("\r\n", "\n") : "";
        if (committed == generated) return;
        var a = committed.Split('\n');
        var b = generated.Split('\n');
        int line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"{relative} does not match the code (first difference at line {line + 1}:\n  file: {At(a, line)}\n  code: {At(b, line)}).\n" +
                    $"Regenerate it: {ReferenceDocs.Regenerate}");

        static string At(string[] lines, int i) => i < lines.Length ? lines[i] : "(end of text)";
    }
}
