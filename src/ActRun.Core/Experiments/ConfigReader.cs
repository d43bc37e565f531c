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
    /// <summary>The metrics an <c>expect:</c> range can be given for (final-epoch means over seeds).</summary>
    public static IReadOnlyList<string> ExpectMetrics { get; } = ["test_accuracy", "test_loss", "train_accuracy", "train_loss", "best_test_accuracy", "runs_finished", "runs_diverged"];

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
                var configKey = ConfigKeys.Get(key, at);
                configKey.Set(config, value, at);
                config.Origins[configKey.Path] = at;
                // A value given on the command line is the value: it replaces a sweep over the same key.
                config.Sweep.Remove(configKey.Path);
                break;
        }
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
