using System.Globalization;
using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Data.Toy;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Training;
using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>The one table of settable keys, with their types and checks.</summary>
public static class ConfigKeys
{
    public static IReadOnlyList<ConfigKey> All => AllKeys.List;

    /// <summary>
    /// The keys written out one by one in <see cref="DatasetKeys"/>, <see cref="ModelKeys"/> and <see cref="TrainKeys"/>,
    /// in <see cref="All"/>'s order, without the keys made from the toy and optimizer tables, which never declare an
    /// option. Commands build their options from these: <c>compare --help</c> then does not load those tables at start-up
    /// (about 1.5 ms of every launch), and <see cref="All"/> is made on first use.
    /// </summary>
    public static IReadOnlyList<ConfigKey> Declared { get; } = [.. DatasetKeys.Declared, .. ModelKeys.All, .. TrainKeys.Declared];

    /// <summary>Its own class, so that it is made when first read, not with <see cref="Declared"/>.</summary>
    private static class AllKeys
    {
        public static readonly IReadOnlyList<ConfigKey> List = [.. DatasetKeys.All, .. ModelKeys.All, .. TrainKeys.All];
    }

    /// <summary>The keys that are not settings of a run: set in the file or with --set, never swept.</summary>
    public static IReadOnlyList<string> TopLevel { get; } = ["name", "description", "dataset", "model", "train", "seed", "seeds", "sweep", "expect", "baseline", "tune", "tuned", "report"];

    public static ConfigKey? Find(string path) => All.FirstOrDefault(k => k.Path == path);

    /// <summary>The key, or a config error at <paramref name="origin"/> with the closest known key.</summary>
    public static ConfigKey Get(string path, ConfigOrigin origin)
    {
        if (Find(path) is { } key) return key;
        if (path == "dataset") return Find("dataset.name")!;
        if (TopLevel.Contains(path))
            throw origin.Error($"'{path}' is not a setting of a run and cannot be swept; sweepable keys: {string.Join(", ", All.Select(k => k.Path))}");
        var known = All.Select(k => k.Path).Append("dataset").ToList();
        string hint = Suggest.Closest(path, known) is string s ? $" (did you mean '{s}'?)" : $"; known keys: {string.Join(", ", known)}";
        throw origin.Error($"unknown key '{path}'{hint}");
    }

    /// <summary>The canonical text that <paramref name="key"/> gets from a value node, checked as the key would check it.</summary>
    public static string Canonical(ConfigKey key, YamlNode node, ConfigOrigin origin)
    {
        var scratch = new ExperimentConfig();
        key.Set(scratch, node, origin);
        return key.Get(scratch);
    }

    /// <summary>Stores a value given as text (a sweep value, a --set value): the text is read as a YAML value.</summary>
    public static void SetText(ExperimentConfig config, ConfigKey key, string text, ConfigOrigin origin) =>
        key.Set(config, ConfigReader.ParseValue(text, origin), origin);

    internal static string Text(YamlNode node, ConfigOrigin origin, string expected) =>
        node is YamlScalarNode { Value: { Length: > 0 } v } ? v.Trim() : throw origin.Error($"expected {expected}, got {Describe(node)}");

    internal static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode { Value: null or "" } => "nothing",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an alias",
    };

    internal static int PositiveInt(YamlNode node, ConfigOrigin origin)
    {
        string text = Text(node, origin, "a positive whole number");
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v > 0) return v;
        bool tooLarge = text.All(char.IsAsciiDigit) && text.TrimStart('0').Length > 0;
        throw origin.Error($"expected a positive whole number{(tooLarge ? $" (at most {int.MaxValue})" : "")}, got '{text}'");
    }

    internal static ulong UnsignedInt(YamlNode node, ConfigOrigin origin)
    {
        string text = Text(node, origin, "a whole number >= 0");
        return ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out ulong v)
            ? v
            : throw origin.Error($"expected a whole number >= 0, got '{text}'");
    }

    internal static double Number(YamlNode node, ConfigOrigin origin, Func<double, bool> valid, string expected)
    {
        string text = Text(node, origin, expected);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && valid(v)
            ? v
            : throw origin.Error($"expected {expected}, got '{text}'");
    }

    /// <summary>The divergence bound's factor: a number >= 0, where 0 and <c>off</c> switch it off.</summary>
    internal static double DivergenceFactor(YamlNode node, ConfigOrigin origin) =>
        node is YamlScalarNode { Value: { } v } && v.Trim().Equals("off", StringComparison.OrdinalIgnoreCase)
            ? 0
            : Number(node, origin, v => v >= 0, "a number >= 0, or off");

    internal static string OneOf(YamlNode node, ConfigOrigin origin, IReadOnlyList<string> names)
    {
        string text = Text(node, origin, "one of " + string.Join(", ", names)).ToLowerInvariant();
        if (names.Contains(text)) return text;
        string hint = Suggest.Closest(text, names) is string s ? $" (did you mean '{s}'?)" : "";
        throw origin.Error($"unknown value '{text}'{hint}; expected one of {string.Join(", ", names)}");
    }

    /// <summary>Features as a YAML list ([x1^2, x2^2]) or one comma-separated text.</summary>
    internal static string FeatureText(YamlNode node, ConfigOrigin origin) => node is YamlSequenceNode list
        ? string.Join(",", list.Children.Select(item => Text(item, origin, "a feature name")))
        : Text(node, origin, "input features such as [x1^2, x2^2]");

    /// <summary>
    /// Layers as a YAML list ([dense(64), act]) or one text; a list item is one layer, and an error in it points at
    /// that item's line and column.
    /// </summary>
    internal static ModelSpec LayerList(YamlNode node, ConfigOrigin origin)
    {
        if (node is not YamlSequenceNode list)
            return Checked(origin, () => ModelSpec.Parse(Text(node, origin, "a list of layers such as [dense(64), batch_norm, act, dropout(0.2)]")));
        var layers = new List<LayerSpec>();
        string pending = "";
        ConfigOrigin pendingAt = origin;
        foreach (var item in list.Children)
        {
            // YAML's flow list splits batch_norm(momentum=0.9, epsilon=1e-5) at its comma: the items join again
            // until the parentheses close, and the layer is where it started.
            if (pending.Length == 0) pendingAt = origin.Of(item);
            pending = pending.Length == 0 ? Text(item, pendingAt, "a layer such as dense(64)") : pending + ", " + Text(item, pendingAt, "a layer such as dense(64)");
            if (pending.Count(c => c == '(') > pending.Count(c => c == ')')) continue;
            // An item may itself hold several layers ("dense(64), act" quoted): they count on.
            string text = pending;
            foreach (string layer in Checked(pendingAt, () => ModelSpec.SplitTopLevel(text)))
                layers.Add(Checked(pendingAt, () => LayerInList(layer, layers.Count + 1)));
            pending = "";
        }
        if (pending.Length > 0) throw pendingAt.Error($"model layer {(layers.Count + 1).ToString(CultureInfo.InvariantCulture)} ({pending}): unbalanced parentheses.");
        return new ModelSpec(layers);
    }

    private static LayerSpec LayerInList(string text, int position)
    {
        try
        {
            return LayerSpec.Parse(text);
        }
        catch (ConfigException e)
        {
            throw new ConfigException($"model layer {position.ToString(CultureInfo.InvariantCulture)} ({text}): {e.Message}", e);
        }
    }

    internal static string ColumnListText(YamlNode node, ConfigOrigin origin) => node is YamlSequenceNode list
        ? string.Join(",", list.Children.Select(item => Text(item, origin, "a column name")))
        : Text(node, origin, "column names such as [date, id]");

    internal static List<int> HiddenWidths(YamlNode node, ConfigOrigin origin)
    {
        // A bare number is one layer: hidden: 128.
        if (node is YamlScalarNode) return [PositiveInt(node, origin)];
        if (node is not YamlSequenceNode list) throw origin.Error($"expected a list of layer widths such as [64, 64], got {Describe(node)}");
        return list.Children.Select(item => PositiveInt(item, origin)).ToList();
    }

    /// <summary>Runs a registry lookup and puts the origin in front of its message.</summary>
    internal static T Checked<T>(ConfigOrigin origin, Func<T> lookup)
    {
        try
        {
            return lookup();
        }
        catch (ConfigException e)
        {
            throw origin.Error(e.Message, e);
        }
    }

    internal static string Widths(IReadOnlyList<int> widths) => $"[{WidthList(widths)}]";

    /// <summary>Layer widths as "64,64" (a loop, not string.Join over int: compare's help uses it at start-up).</summary>
    public static string WidthList(IReadOnlyList<int> widths)
    {
        var text = new string[widths.Count];
        for (int i = 0; i < text.Length; i++) text[i] = widths[i].ToString(CultureInfo.InvariantCulture);
        return string.Join(",", text);
    }
    internal static string Int(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    internal static string Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
