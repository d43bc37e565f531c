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

/// <summary>
/// A setting that a config file, <c>--set</c> and <c>--sweep</c> can change, by its dotted key. <see cref="Set"/>
/// validates a YAML value and stores it (canonicalised: activation aliases, dataset aliases); <see cref="Get"/>
/// prints the stored value as the text that goes into CSV columns and parses back to the same value.
/// </summary>
/// <remarks><see cref="Omitted"/>: a value that config.yaml leaves out (the key's default, for keys that older configs lack).</remarks>
public sealed record ConfigKey(string Path, string Expected, Func<ExperimentConfig, string> Get, Action<ExperimentConfig, YamlNode, ConfigOrigin> Set, string? Omitted = null)
{
    /// <summary>
    /// The key column in the result files (and the name in variant labels): the key's last segment (<c>train.lr</c> →
    /// <c>lr</c>), except <c>train_epochs</c>, as <c>epochs</c> is already a column of runs.csv and summary.csv.
    /// </summary>
    public string Column => Path[(Path.LastIndexOf('.') + 1)..] switch
    {
        "name" when Path == "dataset.name" => "dataset",
        "epochs" when Path == "train.epochs" => "train_epochs",
        var s => s,
    };
}

/// <summary>The one table of settable keys, with their types and checks.</summary>
public static class ConfigKeys
{
    public static IReadOnlyList<ConfigKey> All { get; } =
    [
        new("dataset.name", "a dataset name", c => c.Dataset.Name, (c, n, o) => c.Dataset.Name = Checked(o, () => DatasetSpec.Parse(Text(n, o, "a dataset name")).ToString())),
        new("dataset.features", "input features such as [x1^2, x2^2]", c => c.Dataset.Features is { } f ? string.Join(",", f) : "",
            (c, n, o) => c.Dataset.Features = Checked(o, () => string.Join(",", PlaygroundFeatures.Parse(FeatureText(n, o)))).Split(',').ToList()),
        new("dataset.path", "a file path", c => c.Dataset.Path ?? "", (c, n, o) => c.Dataset.Path = Text(n, o, "a file path")),
        new("dataset.test_path", "a file path", c => c.Dataset.TestPath ?? "", (c, n, o) => c.Dataset.TestPath = Text(n, o, "a file path")),
        new("dataset.label_column", "a column name", c => c.Dataset.LabelColumn ?? "", (c, n, o) => c.Dataset.LabelColumn = Text(n, o, "a column name")),
        new("dataset.task", "classification or regression", c => c.Dataset.Task ?? "", (c, n, o) => c.Dataset.Task = OneOf(n, o, ["classification", "regression"])),
        new("dataset.drop_columns", "column names such as [date, id]", c => c.Dataset.DropColumns is { } d ? string.Join(",", d) : "",
            (c, n, o) => c.Dataset.DropColumns = Data.Csv.CsvOptions.ParseColumnList(ColumnListText(n, o)).ToList()),
        new("dataset.test_fraction", "a number in (0, 1)", c => Num(c.Dataset.TestFraction), (c, n, o) => c.Dataset.TestFraction = Number(n, o, v => v is > 0 and < 1, "a number in (0, 1)")),
        new("dataset.train_subset", "a positive whole number", c => Int(c.Dataset.TrainSubset), (c, n, o) => c.Dataset.TrainSubset = PositiveInt(n, o)),
        new("dataset.test_subset", "a positive whole number", c => Int(c.Dataset.TestSubset), (c, n, o) => c.Dataset.TestSubset = PositiveInt(n, o)),
        new("dataset.noise", "a number >= 0", c => Num(c.Dataset.Noise), (c, n, o) => c.Dataset.Noise = Number(n, o, v => v >= 0, "a number >= 0")),
        new("dataset.train_size", "a positive whole number", c => Int(c.Dataset.TrainSize), (c, n, o) => c.Dataset.TrainSize = PositiveInt(n, o)),
        new("dataset.test_size", "a positive whole number", c => Int(c.Dataset.TestSize), (c, n, o) => c.Dataset.TestSize = PositiveInt(n, o)),
        new("model.hidden", "a list of layer widths such as [64, 64]", c => Widths(c.Model.Layers is { } l ? ModelSpec.Parse(l).DenseWidths : c.Model.Hidden), (c, n, o) => c.Model.Hidden = Hidden(n, o)),
        new("model.norm", "one of " + string.Join(", ", ModelSpec.Norms), c => c.Model.Norm, (c, n, o) => c.Model.Norm = OneOf(n, o, ModelSpec.Norms), Omitted: "none"),
        new("model.dropout", "a number in [0, 1)", c => Num(c.Model.Dropout), (c, n, o) => c.Model.Dropout = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)"), Omitted: "0"),
        new("model.layers", "a list of layers such as [dense(64), batch_norm, act, dropout(0.2)]", c => c.Model.Layers ?? "",
            (c, n, o) => c.Model.Layers = Layers(n, o).ToString(), Omitted: ""),
        new("model.activation", "an activation", c => c.Model.Activation,
            (c, n, o) => c.Model.Activation = Checked(o, () => ActivationRegistry.Create(Text(n, o, "an activation")).Spec.ToString())),
        new("model.output", "one of " + string.Join(", ", OutputHead.Names), c => c.Model.Output, (c, n, o) => c.Model.Output = OneOf(n, o, OutputHead.Names)),
        new("model.init", "auto or an initializer", c => c.Model.Init, (c, n, o) => c.Model.Init = OneOf(n, o, ["auto", .. InitializerRegistry.Names])),
        new("train.epochs", "a positive whole number", c => Int(c.Train.Epochs), (c, n, o) => c.Train.Epochs = PositiveInt(n, o)),
        new("train.batch_size", "a positive whole number", c => Int(c.Train.BatchSize), (c, n, o) => c.Train.BatchSize = PositiveInt(n, o)),
        new("train.optimizer", "one of " + string.Join(", ", OptimizerSettings.Names), c => c.Train.Optimizer, (c, n, o) => c.Train.Optimizer = OneOf(n, o, OptimizerSettings.Names)),
        new("train.lr", "a positive number", c => Num(c.Train.Lr), (c, n, o) => c.Train.Lr = Number(n, o, v => v > 0, "a positive number")),
        new("train.momentum", "a number in [0, 1)", c => Num(c.Train.Momentum), (c, n, o) => c.Train.Momentum = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)")),
        .. OptimizerParameters.All.Where(p => p != OptimizerParameters.Momentum).Select(OptimizerKey),
        new("train.schedule", "a schedule such as cosine(warmup=2)", c => c.Train.Schedule,
            (c, n, o) => c.Train.Schedule = Checked(o, () => LearningRateSchedule.Parse(Text(n, o, "a schedule such as cosine(warmup=2)")).ToString()), Omitted: "constant"),
        new("train.divergence_factor", "a number >= 0, or off", c => Num(c.Train.DivergenceFactor), (c, n, o) => c.Train.DivergenceFactor = DivergenceFactor(n, o)),
        new("train.validation_fraction", "a number in [0, 1)", c => Num(c.Train.ValidationFraction),
            (c, n, o) => c.Train.ValidationFraction = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)"), Omitted: "0"),
        new("train.monitor", "one of " + string.Join(", ", ValidationSettings.Monitors), c => c.Train.Monitor,
            (c, n, o) => c.Train.Monitor = OneOf(n, o, ValidationSettings.Monitors), Omitted: ValidationSettings.DefaultMonitor),
        new("train.early_stopping", "off, on, or a mapping such as {monitor: val_loss, patience: 5, min_delta: 0, mode: auto}",
            c => c.Train.EarlyStopping?.ToString() ?? "off", (c, n, o) => c.Train.EarlyStopping = CallbackKeys.EarlyStopping(n, o), Omitted: "off"),
        new("train.reduce_lr_on_plateau", "off, on, or a mapping such as {monitor: val_loss, factor: 0.1, patience: 10, min_delta: 0.0001, cooldown: 0, min_lr: 0, mode: auto}",
            c => c.Train.ReduceLrOnPlateau?.ToString() ?? "off", (c, n, o) => c.Train.ReduceLrOnPlateau = CallbackKeys.Plateau(n, o), Omitted: "off"),
    ];

    /// <summary>
    /// The key train.NAME of an optimizer hyper-parameter, from its one declaration; left out of config.yaml when not set
    /// (the optimizer's default), so configs written before it existed keep their meaning.
    /// </summary>
    private static ConfigKey OptimizerKey(OptimizerParameter p) => new("train." + p.Name, p.Expected,
        c => c.Train.OptimizerParameters.TryGetValue(p.Name, out double v) ? p.Format(v) : "",
        (c, n, o) => c.Train.OptimizerParameters = c.Train.OptimizerParameters.SetItem(p.Name, Checked(o, () => p.ParseValue(Text(n, o, p.Expected)))),
        Omitted: "");

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
        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v > 0
            ? v
            : throw origin.Error($"expected a positive whole number, got '{text}'");
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
    private static string FeatureText(YamlNode node, ConfigOrigin origin) => node is YamlSequenceNode list
        ? string.Join(",", list.Children.Select(item => Text(item, origin, "a feature name")))
        : Text(node, origin, "input features such as [x1^2, x2^2]");

    /// <summary>
    /// Layers as a YAML list ([dense(64), act]) or one text; a list item is one layer, and an error in it points at
    /// that item's line and column.
    /// </summary>
    private static ModelSpec Layers(YamlNode node, ConfigOrigin origin)
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

    private static string ColumnListText(YamlNode node, ConfigOrigin origin) => node is YamlSequenceNode list
        ? string.Join(",", list.Children.Select(item => Text(item, origin, "a column name")))
        : Text(node, origin, "column names such as [date, id]");

    private static List<int> Hidden(YamlNode node, ConfigOrigin origin)
    {
        // A bare number is one layer: hidden: 128.
        if (node is YamlScalarNode) return [PositiveInt(node, origin)];
        if (node is not YamlSequenceNode list) throw origin.Error($"expected a list of layer widths such as [64, 64], got {Describe(node)}");
        return list.Children.Select(item => PositiveInt(item, origin)).ToList();
    }

    /// <summary>Runs a registry lookup and puts the origin in front of its message.</summary>
    private static T Checked<T>(ConfigOrigin origin, Func<T> lookup)
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

    private static string Widths(IReadOnlyList<int> widths) => $"[{string.Join(",", widths.Select(w => w.ToString(CultureInfo.InvariantCulture)))}]";
    private static string Int(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";
    private static string Num(double? v) => v?.ToString("R", CultureInfo.InvariantCulture) ?? "";
}
