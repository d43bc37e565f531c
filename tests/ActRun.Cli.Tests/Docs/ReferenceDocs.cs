using System.CommandLine;
using System.Globalization;
using System.Text;
using ActRun.Core.Experiments;

namespace ActRun.Cli.Tests.Docs;

/// <summary>
/// Writes docs/cli-reference.md and docs/config-reference.md from the code: the CLI reference by walking the
/// System.CommandLine tree that <see cref="CliApp.BuildRoot"/> builds (so a new command or option appears by
/// itself), the config reference from the declarations in <see cref="ConfigKeys"/> and <see cref="ConfigKeyDocs"/>.
/// <see cref="ReferenceDocsTests"/> compares the files with this text and rewrites them with ACTRUN_UPDATE_DOCS=1.
/// </summary>
public static class ReferenceDocs
{
    public const string Regenerate = "ACTRUN_UPDATE_DOCS=1 dotnet test tests/ActRun.Cli.Tests --filter FullyQualifiedName~ReferenceDocsTests";

    public static string CliReference()
    {
        var root = CliApp.BuildRoot(new CliContext(TextWriter.Null, TextWriter.Null, false, CancellationToken.None));
        var text = new StringBuilder();
        text.Append("# CLI reference\n\n");
        text.Append(Generated("every command of `actrun` with its arguments and options, walked from the command tree\nthe tool parses its arguments with"));
        text.Append("Options marked *every command* are accepted after any command. An option without a default in the table\n");
        text.Append("either is a flag (off unless given) or says its default in its description.\n\n");
        text.Append("| command | what it does |\n|---|---|\n");
        foreach (var (path, command) in Commands(root, "actrun").Skip(1))
            text.Append($"| [`{path}`](#{Anchor(path)}) | {Cell(FirstSentence(command.Description))} |\n");
        text.Append('\n');
        foreach (var (path, command) in Commands(root, "actrun"))
            AppendCommand(text, path, command, command == root);
        return Finish(text);
    }

    public static string ConfigReference()
    {
        var defaults = new ExperimentConfig();
        var text = new StringBuilder();
        text.Append("# Config reference\n\n");
        text.Append(Generated("every key of an experiment file (`actrun run CONFIG`), from the table of keys the config\nreader checks against"));
        text.Append("How the file is laid out, with an example, is in [Experiment files](experiment-files.md#the-config-file).\n\n");
        text.Append("## Settings of a run\n\n");
        text.Append("Each is written in its section (`train:` then `lr: 0.05`), set with `--set train.lr=0.05`, or swept with\n");
        text.Append("`--sweep train.lr=0.01,0.1` or under `sweep:`. *Column* is the key column that names a swept key in the result\n");
        text.Append("files. An empty default means the value is chosen as the description says.\n\n");
        text.Append("| key | value | default | column | description |\n|---|---|---|---|---|\n");
        foreach (var key in ConfigKeys.All)
        {
            text.Append($"| `{key.Path}` | {Cell(key.Expected)} | {Code(key.Default)} | `{key.Column}` | {Cell(key.Description)} |\n");
        }
        text.Append("\n## Top-level keys\n\n");
        text.Append("Besides the three sections, these keys stand at the top of the file. `name`, `description`, `seed`, `seeds` and\n");
        text.Append("`baseline` can also be changed with `--set`; none of them can be swept.\n\n");
        text.Append("| key | value | default | description |\n|---|---|---|---|\n");
        foreach (string key in ConfigKeys.TopLevel)
        {
            var (expected, description) = ConfigKeyDocs.TopLevel.TryGetValue(key, out var doc) ? doc : ("", "");
            string value = key switch
            {
                "name" => defaults.Name,
                "seed" => defaults.Seed.ToString(CultureInfo.InvariantCulture),
                "seeds" => defaults.Seeds.ToString(CultureInfo.InvariantCulture),
                "baseline" => defaults.Baseline ?? "none",
                _ => "",
            };
            text.Append($"| `{key}` | {Cell(expected)} | {Code(value)} | {Cell(description)} |\n");
        }
        return Finish(text);
    }

    /// <summary>The command and its visible subcommands, depth first, each with its full path (actrun data fetch).</summary>
    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        foreach (var item in Commands(sub, $"{path} {sub.Name}"))
            yield return item;
    }

    private static void AppendCommand(StringBuilder text, string path, Command command, bool isRoot)
    {
        text.Append($"## {path}\n\n");
        if (!string.IsNullOrWhiteSpace(command.Description))
            text.Append("```text\n").Append(Dedent(command.Description)).Append("\n```\n\n");
        var subcommands = command.Subcommands.Where(c => !c.Hidden).ToList();
        if (subcommands.Count > 0)
            text.Append("Subcommands: ").Append(string.Join(", ", subcommands.Select(c => $"[`{c.Name}`](#{Anchor($"{path} {c.Name}")})"))).Append(".\n\n");
        var arguments = command.Arguments.Where(a => !a.Hidden).ToList();
        if (arguments.Count > 0)
        {
            text.Append("| argument | description | default |\n|---|---|---|\n");
            foreach (var argument in arguments)
            {
                string name = argument.Arity.MaximumNumberOfValues > 1 ? $"{argument.Name}..." : argument.Name;
                text.Append($"| `{name.ToUpperInvariant()}` | {Cell(argument.Description)} | {Code(Default(argument))} |\n");
            }
            text.Append('\n');
        }
        var options = command.Options.Where(o => !o.Hidden).ToList();
        if (options.Count > 0)
        {
            text.Append("| option | description | default |\n|---|---|---|\n");
            foreach (var option in options)
            {
                string names = string.Join(", ", new[] { option.Name }.Concat(option.Aliases.Order(StringComparer.Ordinal)).Select(n => $"`{n}`"));
                string description = Cell(option.Description);
                if (isRoot && option.Recursive) description += " *every command*";
                text.Append($"| {names} | {description} | {Code(Default(option))} |\n");
            }
            text.Append('\n');
        }
    }

    private static string Default(Option option) =>
        option.HasDefaultValue && option.ValueType != typeof(bool) ? Format(option.GetDefaultValue()) : "";

    private static string Default(Argument argument) => argument.HasDefaultValue ? Format(argument.GetDefaultValue()) : "";

    private static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Format)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Generated(string what) =>
        $"Generated from the code: {what}.\n\nDo not edit by hand: a test (`ReferenceDocsTests`) fails when this file and the code disagree;\n" +
        $"regenerate it with\n\n```\n{Regenerate}\n```\n\n";

    /// <summary>The description's first sentence: its first lines up to a blank line or the examples, cut at the first full stop.</summary>
    private static string FirstSentence(string? text)
    {
        string paragraph = string.Join(' ', Dedent(text ?? "").Split('\n')
            .TakeWhile(l => l.Trim().Length > 0 && !l.StartsWith("Example", StringComparison.Ordinal)).Select(l => l.Trim()));
        int end = paragraph.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? paragraph : paragraph[..(end + 1)];
    }

    /// <summary>Raw string literals are already dedented; this trims the first and last blank lines and trailing spaces.</summary>
    private static string Dedent(string text) =>
        string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd())).Trim('\n');

    /// <summary>A table cell: one line, with the characters Markdown would read as markup escaped.</summary>
    internal static string Cell(string? text)
    {
        var cell = new StringBuilder();
        foreach (char c in string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (c is '|' or '<' or '*' or '\\' or '`') cell.Append('\\');
            cell.Append(c);
        }
        return cell.ToString();
    }

    private static string Code(string value) => value.Length == 0 ? "" : $"`{value}`";

    /// <summary>GitHub's heading anchor: lower case, spaces to '-', punctuation other than '-' and '_' dropped.</summary>
    public static string Anchor(string heading) =>
        new string(heading.ToLowerInvariant().Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').ToArray()).Replace(' ', '-');

    private static string Finish(StringBuilder text) => text.ToString().TrimEnd('\n') + "\n";
}
