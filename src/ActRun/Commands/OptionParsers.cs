using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ActRun.Commands;

/// <summary>Validation shared by the commands' options: every error names the option and the value.</summary>
public static class OptionParsers
{
    public static Option<int?> PositiveInt(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<int?>() is int v && v <= 0)
                result.AddError($"{name} must be a positive whole number, got {v}.");
        });
        return option;
    }

    public static Option<double?> PositiveRate(string name, string description)
    {
        var option = new Option<double?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0 && result.GetValueOrDefault<double?>() is double v && !(double.IsFinite(v) && v > 0))
                result.AddError($"{name} must be a positive finite number, got {v.ToString(CultureInfo.InvariantCulture)}.");
        });
        return option;
    }

    /// <summary>
    /// The option's value when it was given on the command line, else null. (For a collection type the parser
    /// returns an empty collection, not null, when the option is absent.)
    /// </summary>
    public static T? Given<T>(ParseResult parse, Option<T?> option) where T : class =>
        parse.GetResult(option) is { Implicit: false, Tokens.Count: > 0 } ? parse.GetValue(option) : null;

    /// <summary>Layer widths: "128" or "64,64".</summary>
    public static Option<int[]?> LayerSizes(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = string.Join(",", result.Tokens.Select(t => t.Value));
            var sizes = new List<int>();
            foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int v) || v <= 0)
                {
                    result.AddError($"{name} takes positive layer widths separated by commas (e.g. 128 or 64,64), got '{text}'.");
                    return null;
                }
                sizes.Add(v);
            }
            return sizes.ToArray();
        },
    };

    /// <summary>--baseline's value: the canonical baseline name, null for none; an unknown name is a usage error with a suggestion.</summary>
    public static string? Baseline(string text)
    {
        try
        {
            return Core.Experiments.BaselineCatalog.Parse(text);
        }
        catch (Core.ConfigException e)
        {
            throw new Core.ConfigException($"--baseline: {e.Message}", e);
        }
    }

    public static Option<T> OneOf<T>(string name, string description, T defaultValue, params string[] allowed) where T : notnull
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong(allowed);
        return option;
    }
}
