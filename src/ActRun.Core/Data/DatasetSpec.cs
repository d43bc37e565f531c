using System.Globalization;
using System.Text;
using ActRun.Core.Data.Csv;
using ActRun.Core.Data.Toy;

namespace ActRun.Core.Data;

/// <summary>What kind of source a dataset name stands for.</summary>
public enum DatasetKind
{
    Toy,
    Images,
    Csv,
}

/// <summary>
/// A dataset as the user names it: a catalog name or <c>csv</c>, its options, and the network's input features
/// (TensorFlow Playground's toggles, toy sets only). Texts it parses:
/// <c>circles</c>, <c>spiral(noise=0.2, train_size=2000)</c>, <c>csv:data.csv</c>, <c>csv:train.csv,test.csv</c>,
/// <c>csv(path=data.csv, label_column=species, test_fraction=0.3)</c>. Options are validated and normalised when
/// the spec is made (defaults dropped, numbers in round-trip form), so <see cref="ToString"/> is the canonical
/// text and parsing it gives an equal spec. The features are not part of that text; they are kept apart because
/// they choose the network's inputs rather than the data.
/// </summary>
public sealed record DatasetSpec
{
    public const string CsvName = "csv";

    /// <summary>The options each kind takes, in the order they print.</summary>
    private static readonly Dictionary<DatasetKind, string[]> AllowedOptions = new()
    {
        [DatasetKind.Toy] = ToyOptions.All.Select(o => o.Name).ToArray(),
        [DatasetKind.Images] = [],
        [DatasetKind.Csv] = [CsvOptions.PathKey, CsvOptions.TestPathKey, CsvOptions.LabelColumnKey, CsvOptions.TaskKey, CsvOptions.TestFractionKey, CsvOptions.DropColumnsKey],
    };

    /// <summary>The toy sets' options as a sentence names them: "noise, train_size and test_size".</summary>
    private static string ToyOptionNames =>
        string.Join(", ", ToyOptions.All.SkipLast(1).Select(o => o.Name)) + " and " + ToyOptions.All[^1].Name;

    private DatasetSpec(string name, DatasetKind kind, IReadOnlyDictionary<string, string> options, IReadOnlyList<string> features)
    {
        Name = name;
        Kind = kind;
        Options = options;
        Features = features;
    }

    /// <summary>The canonical catalog name (<c>spiral</c>, <c>fashion_mnist</c>) or <c>csv</c>.</summary>
    public string Name { get; }

    public DatasetKind Kind { get; }

    /// <summary>Normalised options: only the ones that differ from the defaults, snake_case keys.</summary>
    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The network's inputs, canonical names (<see cref="PlaygroundFeatures"/>); x1,x2 by default.</summary>
    public IReadOnlyList<string> Features { get; }

    /// <summary>
    /// Makes a spec from parts (the way a config mapping such as <c>{name: csv, path: data.csv}</c> arrives).
    /// Unknown names and options, bad values and features on a non-toy set are <see cref="ConfigException"/>s.
    /// </summary>
    public static DatasetSpec Create(string name, IReadOnlyDictionary<string, string>? options = null, IReadOnlyList<string>? features = null)
    {
        string key = name.Trim().ToLowerInvariant();
        (string canonical, DatasetKind kind) = key == CsvName
            ? (CsvName, DatasetKind.Csv)
            : DatasetCatalog.Canonical(key) is var c && DatasetCatalog.FindToy(c) is not null ? (c, DatasetKind.Toy) : (c, DatasetKind.Images);

        var given = new Dictionary<string, string>();
        foreach (var (optionName, value) in options ?? new Dictionary<string, string>())
        {
            string optionKey = optionName.Trim().ToLowerInvariant().Replace('-', '_');
            string[] allowed = AllowedOptions[kind];
            if (!allowed.Contains(optionKey))
                throw new ConfigException(allowed.Length == 0
                    ? $"Dataset '{canonical}' is read from files and takes no options, got '{optionName}' ({ToyOptionNames} are the toy sets'; use train_subset and test_subset for part of it)."
                    : $"Dataset '{canonical}': unknown option '{optionName}'.{Suggest.DidYouMean(optionKey, allowed)} Known: {string.Join(", ", allowed)}.");
            if (!given.TryAdd(optionKey, value.Trim()))
                throw new ConfigException($"Dataset '{canonical}': option '{optionKey}' is given twice.");
        }

        var normalised = kind switch
        {
            DatasetKind.Toy => NormaliseToy(DatasetCatalog.FindToy(canonical)!, given),
            DatasetKind.Csv => CsvOptions.From(given).ToDictionary(),
            _ => given,
        };

        var chosen = features ?? PlaygroundFeatures.Default;
        if (!PlaygroundFeatures.IsDefault(chosen))
        {
            chosen = PlaygroundFeatures.Parse(string.Join(",", chosen));
            if (kind != DatasetKind.Toy && !PlaygroundFeatures.IsDefault(chosen))
                throw new ConfigException($"--features applies to the 2-D toy datasets (circles, xor, moons, spiral, blobs), not to '{canonical}'.");
        }
        return new DatasetSpec(canonical, kind, normalised, chosen.ToArray());
    }

    /// <summary>Parses a dataset text (see the type's summary); <paramref name="features"/> is a comma-separated list or null for x1,x2.</summary>
    public static DatasetSpec Parse(string text, string? features = null)
    {
        string trimmed = text.Trim();
        var chosen = features is null ? null : PlaygroundFeatures.Parse(features);
        if (trimmed.Length == 0) throw new ConfigException("No dataset given: pass --dataset, e.g. --dataset circles.");

        if (trimmed.StartsWith(CsvName + ":", StringComparison.OrdinalIgnoreCase))
        {
            string[] paths = trimmed[(CsvName.Length + 1)..].Split(',', StringSplitOptions.TrimEntries);
            if (paths.Length > 2 || paths.Any(p => p.Length == 0))
                throw new ConfigException($"Dataset '{text}': write csv:PATH or csv:TRAIN.csv,TEST.csv.");
            var options = new Dictionary<string, string> { [CsvOptions.PathKey] = paths[0] };
            if (paths.Length == 2) options[CsvOptions.TestPathKey] = paths[1];
            return Create(CsvName, options, chosen);
        }

        int open = trimmed.IndexOf('(');
        if (open < 0) return Create(trimmed, null, chosen);
        if (!trimmed.EndsWith(')'))
            throw new ConfigException($"Dataset '{text}': expected ')' at the end, as in spiral(noise=0.2).");
        return Create(trimmed[..open], ParseArguments(trimmed[(open + 1)..^1], text), chosen);
    }

    /// <summary>This spec with one option set (or replaced), validated again.</summary>
    public DatasetSpec WithOption(string key, string value)
    {
        var options = new Dictionary<string, string>(Options) { [key] = value };
        return Create(Name, options, Features);
    }

    /// <summary>This spec with other input features, validated again.</summary>
    public DatasetSpec WithFeatures(IReadOnlyList<string> features) => Create(Name, Options, features);

    /// <summary>The toy generator's settings: its defaults with the given options applied.</summary>
    public ToyOptions ToToyOptions()
    {
        var generator = DatasetCatalog.FindToy(Name) ?? throw new InvalidOperationException($"{Name} is not a toy dataset");
        return ApplyToy(generator, Options);
    }

    /// <summary>The CSV settings (path, label column, task, split).</summary>
    public CsvOptions ToCsvOptions() =>
        Kind == DatasetKind.Csv ? CsvOptions.From(Options) : throw new InvalidOperationException($"{Name} is not a csv dataset");

    public override string ToString()
    {
        if (Kind == DatasetKind.Toy) return DatasetCatalog.FindToy(Name)!.Label(ToToyOptions());
        if (Kind == DatasetKind.Csv && Options.Keys.All(k => k is CsvOptions.PathKey or CsvOptions.TestPathKey)
            && Options.Values.All(v => !v.Contains(',')))
            return Options.TryGetValue(CsvOptions.TestPathKey, out string? test) ? $"csv:{Options[CsvOptions.PathKey]},{test}" : $"csv:{Options[CsvOptions.PathKey]}";
        if (Options.Count == 0) return Name;
        var parts = AllowedOptions[Kind].Where(Options.ContainsKey).Select(k => $"{k}={Quote(Options[k])}");
        return $"{Name}({string.Join(", ", parts)})";
    }

    public bool Equals(DatasetSpec? other) =>
        other is not null && ToString() == other.ToString() && Features.SequenceEqual(other.Features);

    public override int GetHashCode() => HashCode.Combine(ToString(), string.Join(",", Features));

    private static Dictionary<string, string> NormaliseToy(ToyGenerator generator, Dictionary<string, string> given)
    {
        var options = ApplyToy(generator, given);
        options.Validate(generator.Name);
        return generator.NonDefault(options);
    }

    private static ToyOptions ApplyToy(ToyGenerator generator, IReadOnlyDictionary<string, string> options)
    {
        var result = generator.Defaults;
        foreach (var option in ToyOptions.All)
            if (options.TryGetValue(option.Name, out string? text)) result = option.With(result, option.Parse(generator.Name, text));
        return result;
    }

    internal static double Number(string dataset, string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? v
            : throw new ConfigException($"Dataset '{dataset}': {key} must be a number, got '{value}'.");

    /// <summary><c>key=value, key='quoted, value'</c>; quotes let a value hold commas or parentheses.</summary>
    private static Dictionary<string, string> ParseArguments(string text, string whole)
    {
        var result = new Dictionary<string, string>();
        int i = 0;
        while (i < text.Length)
        {
            int eq = text.IndexOf('=', i);
            if (eq < 0)
            {
                if (text[i..].Trim().Length == 0) break;
                throw new ConfigException($"Dataset '{whole}': expected name=value, got '{text[i..].Trim()}'.");
            }
            string key = text[i..eq].Trim().TrimStart(',').Trim();
            int j = eq + 1;
            while (j < text.Length && text[j] == ' ') j++;
            var value = new StringBuilder();
            if (j < text.Length && text[j] is '\'' or '"')
            {
                char quote = text[j];
                int close = text.IndexOf(quote, j + 1);
                if (close < 0) throw new ConfigException($"Dataset '{whole}': unclosed quote in the value of '{key}'.");
                value.Append(text, j + 1, close - j - 1);
                j = close + 1;
                while (j < text.Length && text[j] == ' ') j++;
                if (j < text.Length && text[j] != ',') throw new ConfigException($"Dataset '{whole}': expected ',' after the value of '{key}'.");
            }
            else
            {
                int comma = text.IndexOf(',', j);
                int end = comma < 0 ? text.Length : comma;
                value.Append(text.AsSpan(j, end - j).Trim());
                j = end;
            }
            if (key.Length == 0) throw new ConfigException($"Dataset '{whole}': an option has no name.");
            if (!result.TryAdd(key, value.ToString())) throw new ConfigException($"Dataset '{whole}': option '{key}' is given twice.");
            i = j < text.Length ? j + 1 : j;
        }
        return result;
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '(', ')', '=', '\'', ' ']) >= 0 ? $"\"{value}\"" : value;
}
