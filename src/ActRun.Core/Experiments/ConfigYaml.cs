using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ActRun.Core.Experiments;

/// <summary>Reads and writes <see cref="ExperimentConfig"/> as YAML with snake_case keys.</summary>
public static class ConfigYaml
{
    public static string Serialize(ExperimentConfig config) =>
        new SerializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
            .Build()
            .Serialize(config);

    public static ExperimentConfig Deserialize(string yaml) =>
        new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .Build()
            .Deserialize<ExperimentConfig>(yaml);
}
