using System.Globalization;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>
/// Writes an <see cref="ExperimentConfig"/> as the YAML that <see cref="ConfigReader"/> reads back to the same
/// settings (config.yaml in a result folder); lists are written inline (<c>hidden: [64, 64]</c>).
/// </summary>
public static class ConfigYaml
{
    public static string Serialize(ExperimentConfig config)
    {
        var root = new YamlMappingNode { { "name", config.Name } };
        if (config.Description is { } description) root.Add("description", description);
        root.Add("dataset", Dataset(config.Dataset));
        root.Add("model", Section(config, "model"));
        root.Add("train", Section(config, "train"));
        root.Add("seed", config.Seed.ToString(CultureInfo.InvariantCulture));
        root.Add("seeds", config.SeedList is { } list
            ? Flow(list.Select(s => new YamlScalarNode(s.ToString(CultureInfo.InvariantCulture))))
            : new YamlScalarNode(config.Seeds.ToString(CultureInfo.InvariantCulture)));
        if (config.Baseline is { } baseline) root.Add("baseline", baseline);
        if (config.Sweep.Count > 0)
        {
            var sweep = new YamlMappingNode();
            foreach (var (key, values) in config.Sweep)
                sweep.Add(key, Flow(values.Select(v => ConfigReader.ParseValue(v, new ConfigOrigin($"sweep {key}")))));
            root.Add("sweep", sweep);
        }
        if (config.Tune is { } tune)
        {
            var space = new YamlMappingNode();
            foreach (var d in tune.Space)
                space.Add(d.Key, d.Values is { } values
                    ? Flow(values.Select(v => ConfigReader.ParseValue(v, new ConfigOrigin($"tune {d.Key}"))))
                    : new YamlScalarNode($"{d.Distribution}({d.Low.ToString("R", CultureInfo.InvariantCulture)}, {d.High.ToString("R", CultureInfo.InvariantCulture)})"));
            var section = new YamlMappingNode { { "space", space }, { "strategy", tune.Strategy }, { "metric", tune.Metric } };
            if (tune.Trials > 0) section.Add("trials", tune.Trials.ToString(CultureInfo.InvariantCulture));
            if (tune.Strategy == "halving") section.Add("eta", tune.Eta.ToString(CultureInfo.InvariantCulture));
            if (tune.Seeds != 1) section.Add("seeds", tune.Seeds.ToString(CultureInfo.InvariantCulture));
            root.Add("tune", section);
        }
        if (config.Tuned is { } tuned)
        {
            var chosen = new YamlMappingNode();
            foreach (var (label, settings) in tuned)
            {
                var values = new YamlMappingNode { Style = MappingStyle.Flow };
                foreach (var (key, value) in settings) values.Add(key, ConfigReader.ParseValue(value, new ConfigOrigin($"tuned {label}")));
                chosen.Add(label, values);
            }
            root.Add("tuned", chosen);
        }
        if (config.EquivalenceMargin is double margin)
            root.Add("report", new YamlMappingNode { { "equivalence_margin", margin.ToString("R", CultureInfo.InvariantCulture) } });
        if (config.Expect.Count > 0)
        {
            var expect = new YamlMappingNode();
            foreach (var (label, metrics) in config.Expect)
            {
                var ranges = new YamlMappingNode { Style = MappingStyle.Flow };
                foreach (var (metric, range) in metrics) ranges.Add(metric, Flow(range.Select(v => new YamlScalarNode(v.ToString("R", CultureInfo.InvariantCulture)))));
                expect.Add(label, ranges);
            }
            root.Add("expect", expect);
        }
        var writer = new StringWriter { NewLine = "\n" };
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        // Save ends the document with "...": a result folder's config reads better without it.
        return writer.ToString().Replace("\n...\n", "\n");
    }

    public static ExperimentConfig Deserialize(string yaml, string file = ResultsFileName) => ConfigReader.Parse(yaml, file);

    private const string ResultsFileName = "config.yaml";

    private static YamlNode Dataset(DatasetConfig d)
    {
        var keys = ConfigKeys.All.Where(k => k.Path.StartsWith("dataset.") && k.Path != "dataset.name").ToList();
        var probe = new ExperimentConfig { Dataset = d };
        var given = keys.Where(k => k.Get(probe) != "").ToList();
        if (given.Count == 0) return new YamlScalarNode(d.Name);
        var map = new YamlMappingNode { { "name", d.Name } };
        foreach (var key in given) map.Add(key.Path["dataset.".Length..], key.Get(probe));
        return map;
    }

    private static YamlMappingNode Section(ExperimentConfig config, string section)
    {
        var map = new YamlMappingNode();
        foreach (var key in ConfigKeys.All.Where(k => k.Path.StartsWith(section + ".") && (k.Omitted is null || k.Get(config) != k.Omitted)))
            map.Add(key.Path[(section.Length + 1)..], ConfigReader.ParseValue(key.Get(config), new ConfigOrigin(key.Path)) switch
            {
                YamlSequenceNode seq => Flow(seq.Children),
                // A callback's settings (train.early_stopping): one line, {patience: 5, ...}.
                YamlMappingNode mapping => new YamlMappingNode(mapping.Children) { Style = MappingStyle.Flow },
                _ => new YamlScalarNode(key.Get(config)),
            });
        return map;
    }

    private static YamlSequenceNode Flow(IEnumerable<YamlNode> items)
    {
        var node = new YamlSequenceNode(items.Select(i => i is YamlSequenceNode inner ? Flow(inner.Children) : i)) { Style = SequenceStyle.Flow };
        return node;
    }
}
