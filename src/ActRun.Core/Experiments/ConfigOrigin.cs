using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>
/// Where a config value came from, as the start of an error message: <c>exp.yaml: line 5, column 1</c>, or the
/// command-line option that set it (<c>--set train.lr=x</c>).
/// </summary>
public readonly record struct ConfigOrigin(string Text)
{
    public static ConfigOrigin At(string file, Mark mark) => new($"{file}: line {mark.Line}, column {mark.Column}") { File = file };

    public static ConfigOrigin At(string file, YamlNode node) => At(file, node.Start);

    /// <summary>The file the value is in; null for a value from the command line.</summary>
    public string? File { get; init; }

    /// <summary>Where a part of this value is (a list item): its own line and column in a file; on the command line, the option.</summary>
    public ConfigOrigin Of(YamlNode part) => File is { } file && part.Start.Line > 0 ? At(file, part) : this;

    /// <summary>A <see cref="ConfigException"/> whose one line starts with this origin.</summary>
    public ConfigException Error(string message, Exception? inner = null) => new($"{Text}: {message}", inner);

    public override string ToString() => Text;
}
