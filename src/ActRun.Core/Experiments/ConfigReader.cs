using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>
/// Reads an experiment file into an <see cref="ExperimentConfig"/>, and applies <c>--set</c> and <c>--sweep</c>.
/// Every error is a one-line <see cref="ConfigException"/> that names the file, line and column (or the option)
/// and the key, with the closest known key for a misspelt one.
/// </summary>
public static partial class ConfigReader
{
    /// <summary>The metrics an <c>expect:</c> range can be given for (means over seeds of each run's reported epoch).</summary>
    public static IReadOnlyList<string> ExpectMetrics { get; } = ["test_accuracy", "test_loss", "train_accuracy", "train_loss", "val_accuracy", "val_loss", "runs_finished", "runs_diverged"];

    public static ExperimentConfig ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new ConfigException($"{path}: cannot read the config ({e.Message}).", e);
        }
        return Parse(text, path);
    }

    public static ExperimentConfig Parse(string yaml, string file)
    {
        var root = Load(yaml, file);
        if (root is null) throw new ConfigException($"{file}: the config is empty; it needs at least 'dataset', 'model' and 'train'.");
        if (root is not YamlMappingNode map) throw ConfigOrigin.At(file, root).Error($"expected a mapping of keys (name:, dataset:, model:, …), got {ConfigKeys.Describe(root)}");

        var config = new ExperimentConfig();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyText(keyNode, file);
            var at = ConfigOrigin.At(file, value);
            switch (key)
            {
                case "name": config.Name = ConfigKeys.Text(value, at, "a name"); break;
                case "description": config.Description = ConfigKeys.Text(value, at, "a description"); break;
                case "seed": config.Seed = ConfigKeys.UnsignedInt(value, at); break;
                case "seeds": SetSeeds(config, value, at, file); break;
                case "dataset" when value is YamlMappingNode:
                case "model":
                case "train":
                    ReadSection(config, key, value, file);
                    break;
                case "dataset":
                    ConfigKeys.Get("dataset.name", at).Set(config, value, at);
                    config.Origins["dataset.name"] = at;
                    break;
                case "sweep": ReadSweep(config, value, file); break;
                case "expect": ReadExpect(config, value, file); break;
                case "baseline": SetBaseline(config, value, at); break;
                case "tune": ReadTune(config, value, file); break;
                case "tuned": ReadTuned(config, value, file); break;
                case "report": ReadReport(config, value, file); break;
                default: throw UnknownKey(key, ConfigKeys.TopLevel, ConfigOrigin.At(file, keyNode));
            }
        }
        return config;
    }

    /// <summary><c>--set key=value</c>: a dotted key (or name, description, seed, seeds) and a YAML value.</summary>
    public static void ApplySet(ExperimentConfig config, string assignment)
    {
        var at = new ConfigOrigin($"--set {assignment}");
        var (key, text) = SplitAssignment(assignment, at, "--set");
        var value = ParseValue(text, at);
        switch (key)
        {
            case "name": config.Name = ConfigKeys.Text(value, at, "a name"); break;
            case "description": config.Description = ConfigKeys.Text(value, at, "a description"); break;
            case "seed": config.Seed = ConfigKeys.UnsignedInt(value, at); break;
            case "seeds": SetSeeds(config, value, at, null); break;
            case "baseline": SetBaseline(config, value, at); break;
            case ReportMarginKey: config.EquivalenceMargin = Margin(value, at); break;
            default:
                Override(config, ConfigKeys.Get(key, at), value, at);
                break;
        }
    }

    /// <summary>
    /// A value given on the command line (<c>--set</c>, or a key's own option such as <c>--epochs</c>): checked and stored,
    /// remembered as written at <paramref name="at"/>, and it is the value: it replaces a sweep over the same key.
    /// </summary>
    public static void Override(ExperimentConfig config, ConfigKey key, YamlNode value, ConfigOrigin at)
    {
        key.Set(config, value, at);
        config.Origins[key.Path] = at;
        config.Sweep.Remove(key.Path);
    }

    /// <summary><c>--sweep key=v1,v2</c> or <c>--sweep key=logspace(1e-3,1e-1,5)</c>: adds or replaces one sweep axis.</summary>
    public static void ApplySweep(ExperimentConfig config, string assignment)
    {
        var at = new ConfigOrigin($"--sweep {assignment}");
        var (key, text) = SplitAssignment(assignment, at, "--sweep");
        var configKey = ConfigKeys.Get(key, at);
        var items = SweepValues.Generate(text, at) is { } generated
            ? generated.Select(v => (YamlNode)new YamlScalarNode(v))
            : SweepValues.SplitList(text).Select(item => ParseValue(item, at));
        config.Sweep[configKey.Path] = Canonicals(configKey, items, _ => at, at);
        config.Origins[$"sweep:{configKey.Path}"] = at;
    }

    /// <summary>A value written as text (<c>0.1</c>, <c>[64, 64]</c>, <c>relu</c>) as the YAML node it reads as.</summary>
    public static YamlNode ParseValue(string text, ConfigOrigin origin)
    {
        YamlNode? node;
        try
        {
            node = Load(text, null);
        }
        catch (ConfigException e)
        {
            throw origin.Error($"cannot read '{text}' as a value ({e.Message})", e);
        }
        return node ?? new YamlScalarNode("");
    }

    private static YamlNode? Load(string yaml, string? file)
    {
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(yaml));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            string message = LocationPrefix().Replace((e.InnerException as YamlException ?? e).Message, "").Trim();
            if (message.Contains("Duplicate key", StringComparison.OrdinalIgnoreCase)) message = "a key is given twice in the same mapping";
            throw Syntax(file, e.Start, message, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet throws these (without a place) on some malformed input: an unclosed [ list (InvalidOperation),
            // an alias right after a flow mapping, "{a: 1}*a" (Argument).
            throw Syntax(file, scanner.CurrentPosition, "the text cannot be read as YAML here (an unclosed bracket or quote?)", e);
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    private static ConfigException Syntax(string? file, Mark mark, string message, Exception inner) =>
        file is null ? new ConfigException(message, inner) : ConfigOrigin.At(file, mark).Error($"YAML syntax error: {message}", inner);

    private static void ReadSection(ExperimentConfig config, string section, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
            throw ConfigOrigin.At(file, node).Error($"'{section}' expects a mapping of keys (e.g. {ConfigKeys.All.First(k => k.Path.StartsWith(section + ".")).Path[(section.Length + 1)..]}: …), got {ConfigKeys.Describe(node)}");
        var known = ConfigKeys.All.Where(k => k.Path.StartsWith(section + ".")).ToList();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyText(keyNode, file);
            var configKey = known.FirstOrDefault(k => k.Path == $"{section}.{key}")
                ?? throw UnknownKey(key, known.Select(k => k.Path[(section.Length + 1)..]).ToList(), ConfigOrigin.At(file, keyNode));
            configKey.Set(config, value, ConfigOrigin.At(file, value));
            config.Origins[configKey.Path] = ConfigOrigin.At(file, value);
        }
    }

    /// <summary>The key of the report's equivalence margin (in config files <c>report: {equivalence_margin: 0.005}</c>).</summary>
    public const string ReportMarginKey = "report.equivalence_margin";

    /// <summary><c>report:</c> — how the report judges the results; changes no run.</summary>
    private static void ReadReport(ExperimentConfig config, YamlNode node, string file)
    {
        var at = ConfigOrigin.At(file, node);
        if (node is not YamlMappingNode map) throw at.Error($"expected a mapping (report: {{equivalence_margin: 0.005}}), got {ConfigKeys.Describe(node)}");
        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyText(keyNode, file);
            if (key != "equivalence_margin") throw UnknownKey(key, ["equivalence_margin"], ConfigOrigin.At(file, keyNode));
            config.EquivalenceMargin = Margin(value, ConfigOrigin.At(file, value));
        }
    }

    /// <summary>An equivalence margin: a number in (0, 1), in accuracy (or R²) units.</summary>
    public static double Margin(YamlNode node, ConfigOrigin at) => ConfigKeys.Number(node, at, v => v is > 0 and < 1, "a number in (0, 1), such as 0.005 for half a point");

    private static void SetBaseline(ExperimentConfig config, YamlNode node, ConfigOrigin at)
    {
        string text = ConfigKeys.Text(node, at, "a baseline (" + string.Join(", ", BaselineCatalog.Names) + ")");
        try
        {
            config.Baseline = BaselineCatalog.Parse(text);
        }
        catch (ConfigException e)
        {
            throw at.Error(e.Message, e);
        }
        config.Origins["baseline"] = at;
    }

    private static void SetSeeds(ExperimentConfig config, YamlNode node, ConfigOrigin at, string? file)
    {
        if (node is YamlSequenceNode list)
        {
            var seeds = list.Children.Select(n => ConfigKeys.UnsignedInt(n, file is null ? at : ConfigOrigin.At(file, n))).ToList();
            if (seeds.Count == 0) throw at.Error("'seeds' is an empty list; give a count (seeds: 3) or at least one seed");
            if (seeds.Distinct().Count() != seeds.Count) throw at.Error("'seeds' lists a seed twice");
            config.SeedList = seeds;
            config.Seeds = seeds.Count;
        }
        else
        {
            config.Seeds = ConfigKeys.PositiveInt(node, at);
            config.SeedList = null;
        }
    }

    private static void ReadSweep(ExperimentConfig config, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
            throw ConfigOrigin.At(file, node).Error($"'sweep' expects a mapping of dotted keys to values (model.activation: [relu, tanh]), got {ConfigKeys.Describe(node)}");
        foreach (var (keyNode, value) in map.Children)
        {
            var configKey = ConfigKeys.Get(KeyText(keyNode, file), ConfigOrigin.At(file, keyNode));
            var at = ConfigOrigin.At(file, value);
            IEnumerable<YamlNode> items = value switch
            {
                YamlSequenceNode list => list.Children,
                YamlScalarNode { Value: { } text } when SweepValues.Generate(text, at) is { } generated => generated.Select(v => new YamlScalarNode(v)),
                _ => [value],
            };
            // Generated values have no place of their own: they point at the generator.
            config.Sweep[configKey.Path] = Canonicals(configKey, items, n => n.Start.Line > 0 && value is YamlSequenceNode ? ConfigOrigin.At(file, n) : at, at);
            config.Origins[$"sweep:{configKey.Path}"] = at;
        }
    }

    /// <summary>The settings of a <c>tune:</c> section besides its <c>space</c>.</summary>
    public static IReadOnlyList<string> TuneSettings { get; } = ["space", "strategy", "trials", "eta", "metric", "seeds"];

    private static void ReadTune(ExperimentConfig config, YamlNode node, string file)
    {
        const string example = "tune: {space: {train.lr: logspace(1e-4, 1, 9)}, strategy: grid}";
        if (node is not YamlMappingNode map)
            throw ConfigOrigin.At(file, node).Error($"'tune' expects a mapping such as {example}, got {ConfigKeys.Describe(node)}");
        var spec = new TuneSpec();
        foreach (var (keyNode, value) in map.Children)
        {
            string key = KeyText(keyNode, file);
            var at = ConfigOrigin.At(file, value);
            spec = key switch
            {
                "space" when value is YamlMappingNode space => spec with { Space = space.Children.Select(kv => TuneDimension.Parse(
                    ConfigKeys.Get(KeyText(kv.Key, file), ConfigOrigin.At(file, kv.Key)), DimensionText(kv.Value, file), ConfigOrigin.At(file, kv.Value))).ToList() },
                "space" => throw at.Error($"tune.space expects a mapping of dotted keys to values or distributions (train.lr: loguniform(1e-4, 1)), got {ConfigKeys.Describe(value)}"),
                "strategy" => spec with { Strategy = OneOf(value, at, TuneSpec.Strategies, "tune.strategy") },
                "metric" => spec with { Metric = OneOf(value, at, TuneSpec.Metrics, "tune.metric") },
                "trials" => spec with { Trials = (int)ConfigKeys.Number(value, at, v => v >= 0 && v <= 10000 && v == Math.Floor(v), "a whole number from 0 to 10000") },
                "eta" => spec with { Eta = (int)ConfigKeys.Number(value, at, v => v >= 2 && v <= 100 && v == Math.Floor(v), "a whole number from 2 to 100") },
                "seeds" => spec with { Seeds = (int)ConfigKeys.Number(value, at, v => v >= 1 && v <= 1000 && v == Math.Floor(v), "a whole number >= 1") },
                _ => throw UnknownKey(key, TuneSettings, ConfigOrigin.At(file, keyNode)),
            };
        }
        CheckTune(spec, ConfigOrigin.At(file, node));
        config.Tune = spec;
        config.Origins["tune"] = ConfigOrigin.At(file, node);
    }

    private static void ReadTuned(ExperimentConfig config, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
            throw ConfigOrigin.At(file, node).Error($"'tuned' expects variant: {{dotted key: value}}, e.g. relu: {{train.lr: 0.01}}, got {ConfigKeys.Describe(node)}");
        var tuned = new Dictionary<string, List<(string, string)>>();
        foreach (var (labelNode, settings) in map.Children)
        {
            string label = KeyText(labelNode, file);
            if (settings is not YamlMappingNode values)
                throw ConfigOrigin.At(file, settings).Error($"tuned.{label}: expected {{dotted key: value}}, got {ConfigKeys.Describe(settings)}");
            tuned[label] = values.Children.Select(kv =>
            {
                var key = ConfigKeys.Get(KeyText(kv.Key, file), ConfigOrigin.At(file, kv.Key));
                return (key.Path, ConfigKeys.Canonical(key, kv.Value, ConfigOrigin.At(file, kv.Value)));
            }).ToList();
        }
        config.Tuned = tuned;
        config.Origins["tuned"] = ConfigOrigin.At(file, node);
    }

    /// <summary><c>--tune key=values</c> (<c>lr=logspace(1e-4,1,9)</c>, <c>train.momentum=0,0.9</c>, <c>lr=loguniform(1e-4,1)</c>): adds or replaces one searched key.</summary>
    public static void ApplyTune(ExperimentConfig config, string assignment)
    {
        var at = new ConfigOrigin($"--tune {assignment}");
        var (key, text) = SplitAssignment(assignment, at, "--tune");
        var configKey = ConfigKeys.Find(key) ?? ConfigKeys.All.SingleOrDefault(k => k.Column == key && k.Path.StartsWith("train.")) ?? ConfigKeys.Get(key, at);
        var dimension = TuneDimension.Parse(configKey, text, at);
        var spec = config.Tune ?? new TuneSpec();
        config.Tune = spec with { Space = [.. spec.Space.Where(d => d.Key != configKey.Path), dimension] };
        config.Origins["tune"] = at;
    }

    /// <summary>Checks a tuning spec as a whole: a searched key is not also swept, and random search has a budget.</summary>
    public static void CheckTune(TuneSpec spec, ConfigOrigin at)
    {
        if (spec.Space.Count == 0) throw at.Error("tune: the space is empty; give at least one key, e.g. space: {train.lr: logspace(1e-4, 1, 9)}");
        if (spec.Strategy == "random" && spec.Trials == 0) throw at.Error("tune: random search needs trials: N (how many points to draw)");
    }

    private static string DimensionText(YamlNode node, string file) => node switch
    {
        YamlScalarNode { Value: { } text } => text,
        YamlSequenceNode list => string.Join(",", list.Children.Select(c => c is YamlScalarNode { Value: { } v } ? v
            : throw ConfigOrigin.At(file, c).Error($"tune.space: a value list holds plain values, got {ConfigKeys.Describe(c)}"))),
        _ => throw ConfigOrigin.At(file, node).Error($"tune.space: expected a list of values or a distribution such as loguniform(1e-4, 1), got {ConfigKeys.Describe(node)}"),
    };

    private static string OneOf(YamlNode node, ConfigOrigin at, IReadOnlyList<string> allowed, string what)
    {
        string text = ConfigKeys.Text(node, at, "one of " + string.Join(", ", allowed)).ToLowerInvariant();
        return allowed.Contains(text) ? text : throw at.Error($"{what}: unknown '{text}'.{Suggest.DidYouMean(text, allowed)} Known: {string.Join(", ", allowed)}.");
    }

    private static void ReadExpect(ExperimentConfig config, YamlNode node, string file)
    {
        if (node is not YamlMappingNode map)
            throw ConfigOrigin.At(file, node).Error($"'expect' expects variant: {{metric: [low, high]}}, got {ConfigKeys.Describe(node)}");
        foreach (var (labelNode, ranges) in map.Children)
        {
            string label = KeyText(labelNode, file);
            if (ranges is not YamlMappingNode metrics)
                throw ConfigOrigin.At(file, ranges).Error($"expect.{label}: expected metric: [low, high], got {ConfigKeys.Describe(ranges)}");
            var parsed = new Dictionary<string, double[]>();
            foreach (var (metricNode, range) in metrics.Children)
            {
                string metric = KeyText(metricNode, file);
                if (!ExpectMetrics.Contains(metric)) throw UnknownKey(metric, ExpectMetrics, ConfigOrigin.At(file, metricNode));
                var at = ConfigOrigin.At(file, range);
                if (range is not YamlSequenceNode { Children.Count: 2 } pair)
                    throw at.Error($"expect.{label}.{metric}: expected a range [low, high], got {ConfigKeys.Describe(range)}");
                double low = ConfigKeys.Number(pair.Children[0], at, double.IsFinite, "a number");
                double high = ConfigKeys.Number(pair.Children[1], at, double.IsFinite, "a number");
                if (low > high) throw at.Error($"expect.{label}.{metric}: the range [{low}, {high}] is empty; write [low, high]");
                parsed[metric] = [low, high];
            }
            config.Expect[label] = parsed;
            config.Origins[$"expect:{label}"] = ConfigOrigin.At(file, labelNode);
        }
    }

    private static List<string> Canonicals(ConfigKey key, IEnumerable<YamlNode> items, Func<YamlNode, ConfigOrigin> originOf, ConfigOrigin whole)
    {
        var values = new List<string>();
        foreach (var item in items)
        {
            var at = originOf(item);
            string value = ConfigKeys.Canonical(key, item, at);
            if (values.Contains(value)) throw at.Error($"sweep over '{key.Path}' lists '{value}' twice");
            values.Add(value);
        }
        if (values.Count == 0) throw whole.Error($"sweep over '{key.Path}' has no values");
        return values;
    }

    private static (string Key, string Value) SplitAssignment(string assignment, ConfigOrigin at, string option)
    {
        int eq = assignment.IndexOf('=');
        if (eq <= 0) throw at.Error($"expected {option} key=value, e.g. {option} train.lr=0.05");
        return (assignment[..eq].Trim(), assignment[(eq + 1)..].Trim());
    }

    private static string KeyText(YamlNode node, string file) =>
        node is YamlScalarNode { Value: { Length: > 0 } key } ? key : throw ConfigOrigin.At(file, node).Error("expected a key name");

    private static ConfigException UnknownKey(string key, IReadOnlyList<string> known, ConfigOrigin at)
    {
        string hint = Suggest.Closest(key, known) is string s ? $" (did you mean '{s}'?)" : $"; known keys: {string.Join(", ", known)}";
        return at.Error($"unknown key '{key}'{hint}");
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex LocationPrefix();
}
