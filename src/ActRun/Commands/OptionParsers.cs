using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ActRun.Commands;

/// <summary>Validation shared by the commands' options: every error names the option and the value.</summary>
public static class OptionParsers
{
    // Values are parsed here rather than checked in a validator: a validator that reads a value the parser could not
    // convert ("--epochs abc") throws instead of reporting, and that surfaced as an internal error.

    /// <summary>An option left out of the help: a former name kept so that scripts keep working.</summary>
    public static Option<T> Hidden<T>(Option<T> option)
    {
        option.Hidden = true;
        return option;
    }

    public static Option<int?> PositiveInt(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = Text(result);
            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v > 0) return v;
            bool tooLarge = text.Length > 0 && text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0;
            result.AddError(tooLarge ? $"{name} must be at most {int.MaxValue}, got {text}." : $"{name} must be a positive whole number, got {Shown(text)}.");
            return null;
        },
    };

    public static Option<double?> PositiveRate(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result =>
        {
            string text = Text(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0) return v;
            result.AddError($"{name} must be a positive finite number, got {Shown(text)}.");
            return null;
        },
    };

    /// <summary>The report's equivalence margin: a number in (0, 1), in accuracy (or R²) units.</summary>
    public static Option<double?> Margin(string name) => new(name)
    {
        Description = "Equivalence margin of the verdicts, in accuracy (or R²) units: a difference shown to lie within ±margin (TOST) is called equivalent (default 0.005 = half a point, or report.equivalence_margin)",
        CustomParser = result =>
        {
            string text = Text(result);
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && v < 1) return v;
            result.AddError($"{name} must be in (0, 1), such as 0.005 for half a point, got {Shown(text)}.");
            return null;
        },
    };

    public static Option<ulong> Seed(string name, string description, ulong defaultValue) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            string text = Text(result);
            if (ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)) return v;
            result.AddError($"{name} must be a whole number from 0 to {ulong.MaxValue}, got {Shown(text)}.");
            return defaultValue;
        },
    };

    private static string Text(ArgumentResult result) => string.Join(" ", result.Tokens.Select(t => t.Value)).Trim();

    /// <summary>The value as typed, made visible when it is empty or has control characters.</summary>
    private static string Shown(string text) =>
        text.Length == 0 ? "nothing" : text.Any(char.IsControl) ? $"'{string.Concat(text.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString()))}'" : text;

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

    /// <summary>A folder path (--out, --data-dir): not empty or blank, and not an existing file.</summary>
    public static Option<T> FolderPath<T>(this Option<T> option)
    {
        option.Validators.Add(result => CheckPaths(result, option.Name, folder: true));
        return option;
    }

    /// <summary>Folder arguments (a result folder to read): not empty or blank, and not an existing file.</summary>
    public static Argument<T> FolderPath<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result => CheckPaths(result, argument.Name, folder: true));
        return argument;
    }

    /// <summary>A file argument (a config, a model): not empty or blank, and not an existing folder.</summary>
    public static Argument<T> FilePath<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result => CheckPaths(result, argument.Name, folder: false));
        return argument;
    }

    // Checked on the raw tokens: an empty path made .NET's file APIs throw ArgumentException, an internal error.
    private static void CheckPaths(SymbolResult result, string name, bool folder)
    {
        string kind = folder ? "folder" : "file";
        foreach (string path in result.Tokens.Select(t => t.Value))
        {
            string? error =
                string.IsNullOrWhiteSpace(path) ? $"{name} is {(path.Length == 0 ? "empty" : "blank")}; give a {kind} path." :
                folder && File.Exists(path) ? $"{name} '{path}' is a file; give a folder." :
                !folder && Directory.Exists(path) ? $"{name} '{path}' is a folder; give a file." :
                null;
            if (error is null) continue;
            result.AddError(error);
            return;
        }
    }
}
