using System.Reflection;
using System.Text;

namespace ActRun.Core.Experiments;

/// <summary>An experiment file shipped inside the tool: its name (the file name without .yaml), description and exact bytes.</summary>
public sealed record ShippedExperiment(string Name, string Description, byte[] Content)
{
    /// <summary>The file name it is copied to and reported under: <c>NAME.yaml</c>.</summary>
    public string FileName => Name + ShippedExperiments.Extension;

    /// <summary>The YAML text, comments included.</summary>
    public string Text => Encoding.UTF8.GetString(Content);

    public ExperimentConfig Read() => ConfigReader.Parse(Text, FileName);
}

/// <summary>
/// The experiments of the repository's experiments/ folder, embedded in ActRun.Core when it is built (see its
/// .csproj), so that an installed tool runs them without a clone. Ordered by name.
/// </summary>
public static class ShippedExperiments
{
    public const string Extension = ".yaml";
    private const string Prefix = "experiments/";

    private static readonly Lazy<IReadOnlyList<ShippedExperiment>> Loaded = new(Load);

    public static IReadOnlyList<ShippedExperiment> All => Loaded.Value;

    /// <summary>The shipped experiment called <paramref name="name"/> (with or without .yaml), or null.</summary>
    public static ShippedExperiment? Find(string name)
    {
        string bare = name.EndsWith(Extension, StringComparison.OrdinalIgnoreCase) ? name[..^Extension.Length] : name;
        return All.FirstOrDefault(e => e.Name == bare);
    }

    /// <summary>The shipped experiment, or a <see cref="ConfigException"/> with the closest name and where to see them all.</summary>
    public static ShippedExperiment Get(string name) =>
        Find(name) ?? throw new ConfigException($"no shipped experiment '{name}'.{Suggest.DidYouMean(name, All.Select(e => e.Name))} See 'actrun experiments list'.");

    private static IReadOnlyList<ShippedExperiment> Load()
    {
        var assembly = typeof(ShippedExperiments).Assembly;
        var result = new List<ShippedExperiment>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(r => r.StartsWith(Prefix, StringComparison.Ordinal) && r.EndsWith(Extension, StringComparison.Ordinal)))
        {
            byte[] content = ReadAll(assembly, resource);
            string name = resource[Prefix.Length..^Extension.Length];
            string description = ConfigReader.Parse(Encoding.UTF8.GetString(content), name + Extension).Description ?? "";
            result.Add(new ShippedExperiment(name, description, content));
        }
        return result.OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
    }

    private static byte[] ReadAll(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
