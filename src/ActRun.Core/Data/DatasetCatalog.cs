using ActRun.Core.Data.Toy;

namespace ActRun.Core.Data;

/// <summary>A known dataset's name and a one-line description, for <c>datasets list</c> and help text.</summary>
public sealed record DatasetInfo(string Name, string Description);

/// <summary>
/// The one table of datasets: a name maps to a toy generator or to files in MNIST's layout. Adding a dataset
/// is one line in <see cref="ToyGenerators"/> or <see cref="ImageSets"/>.
/// </summary>
public static class DatasetCatalog
{
    public static IReadOnlyList<ToyGenerator> ToyGenerators { get; } =
        [new Circles(), new Xor(), new Moons(), new Spiral(), new Blobs()];

    public static IReadOnlyList<MnistLayout> ImageSets { get; } = [MnistLayout.Mnist, MnistLayout.FashionMnist];

    /// <summary>Other spellings accepted for a name, e.g. the folder name <c>fashion-mnist</c>.</summary>
    private static readonly Dictionary<string, string> Aliases = new()
    {
        ["fashion-mnist"] = MnistLayout.FashionMnist.Name,
        ["fashionmnist"] = MnistLayout.FashionMnist.Name,
    };

    /// <summary>Every canonical name with its description, toy datasets first.</summary>
    public static IReadOnlyList<DatasetInfo> Known { get; } =
        ToyGenerators.Select(g => new DatasetInfo(g.Name, g.Description))
            .Concat(ImageSets.Select(s => new DatasetInfo(s.Name, s.Description)))
            .ToArray();

    /// <summary>Loads (or generates) the dataset called <paramref name="name"/> (canonical name or alias, any case).</summary>
    public static Dataset Load(string name, DatasetLoadOptions options)
    {
        string canonical = Canonical(name);
        Dataset dataset = FindToy(canonical) is { } toy
            ? toy.Generate(options.Seed)
            : MnistLoader.Load(ImageSets.First(s => s.Name == canonical), DataLocator.Resolve(options.DataDirectory));
        return dataset.WithSubsets(options.TrainSubset, options.TestSubset);
    }

    /// <summary>The toy generator with this name, or null; for callers that pass their own <see cref="ToyOptions"/>.</summary>
    public static ToyGenerator? FindToy(string name) => ToyGenerators.FirstOrDefault(g => g.Name == name);

    /// <summary>The canonical name for a name or alias; an unknown name is a <see cref="ConfigException"/> with a suggestion.</summary>
    public static string Canonical(string name)
    {
        string key = name.Trim().ToLowerInvariant();
        if (Aliases.TryGetValue(key, out string? target)) return target;
        if (Known.Any(d => d.Name == key)) return key;

        string? suggestion = Suggest.Closest(key, Known.Select(d => d.Name).Concat(Aliases.Keys));
        string didYouMean = suggestion is null ? "" : $" Did you mean '{Aliases.GetValueOrDefault(suggestion, suggestion)}'?";
        throw new ConfigException(
            $"Unknown dataset '{name}'.{didYouMean} Known: {string.Join(", ", Known.Select(d => d.Name))}");
    }
}
