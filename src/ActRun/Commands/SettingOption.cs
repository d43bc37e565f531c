using System.CommandLine;
using ActRun.Core;
using ActRun.Core.Experiments;

namespace ActRun.Commands;

/// <summary>
/// The command-line option of a declared setting (<see cref="ConfigKey.Option"/>): its name and help come from the
/// declaration, its value is checked by the key itself and stored canonical, so <c>--epochs 0</c> and
/// <c>--set train.epochs=0</c> are refused with the same words, and a given option is applied as <c>--set</c> is.
/// </summary>
public sealed class SettingOption
{
    /// <param name="defaultNote">Where the command's default comes from, added to the help in parentheses.</param>
    public SettingOption(ConfigKey key, string defaultNote)
    {
        var declared = key.Option ?? throw new ArgumentException($"{key.Path} declares no option", nameof(key));
        Key = key;
        Option = new Option<string?>(declared.Name)
        {
            Description = $"{declared.Help} ({defaultNote})",
            CustomParser = result =>
            {
                // Parsed here rather than in the action: every usage error is found before anything runs.
                var origin = new ConfigOrigin(declared.Name);
                string text = string.Join(" ", result.Tokens.Select(t => t.Value)).Trim();
                try
                {
                    return ConfigKeys.Canonical(key, ConfigReader.ParseValue(text, origin), origin);
                }
                catch (ConfigException e)
                {
                    result.AddError(e.Message);
                    return null;
                }
            },
        };
    }

    public ConfigKey Key { get; }
    public Option<string?> Option { get; }

    /// <summary>The canonical value given on the command line, or null.</summary>
    public string? Given(ParseResult parse) => parse.GetValue(Option);

    /// <summary>
    /// Stores each given option's value in <paramref name="config"/>, as <c>--set</c> does: it replaces a sweep over the
    /// same key, and a later error about the value names the option.
    /// </summary>
    public static void Apply(ParseResult parse, ExperimentConfig config, params SettingOption[] options)
    {
        foreach (var option in options)
        {
            if (option.Given(parse) is not { } value) continue;
            var origin = new ConfigOrigin($"{option.Option.Name} {value}");
            ConfigReader.Override(config, option.Key, ConfigReader.ParseValue(value, origin), origin);
        }
    }
}
