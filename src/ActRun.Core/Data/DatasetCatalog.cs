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

    /// <summary>Loads (or generates) the dataset a spec text names, e.g. <c>mnist</c> or <c>spiral(noise=0.2)</c>.</summary>
    public static Dataset Load(string name, DatasetLoadOptions options) => Load(DatasetSpec.Parse(name), options);

    /// <summary>
    /// Loads (or generates) the dataset of <paramref name="spec"/>: a toy set with its options, image files in
    /// MNIST's layout, or the user's CSV file; then the input features and subsets are applied. Image files are
    /// only read here, never downloaded (see <see cref="Download.DatasetFetcher"/>).
    /// </summary>
    public static Dataset Load(DatasetSpec spec, DatasetLoadOptions options)
    {
        Dataset dataset = spec.Kind switch
        {
            DatasetKind.Toy => FindToy(spec.Name)!.Generate(options.Seed, spec.ToToyOptions()),
            DatasetKind.Csv => Csv.CsvDatasetLoader.Load(spec.ToCsvOptions(), options.Seed, spec.ToString(), options.Standardisation),
            _ => MnistLoader.Load(ImageSet(spec.Name), DataLocator.Resolve(options.DataDirectory)),
        };
        return Toy.PlaygroundFeatures.Apply(dataset, spec.Features).WithSubsets(options.TrainSubset, options.TestSubset);
    }

    /// <summary>The image set with this canonical name (or alias); an unknown or non-image name is a <see cref="ConfigException"/>.</summary>
    public static MnistLayout ImageSet(string name)
    {
        string canonical = Canonical(name);
        return ImageSets.FirstOrDefault(s => s.Name == canonical)
            ?? throw new ConfigException($"'{canonical}' is not a downloadable dataset; these are: {string.Join(", ", ImageSets.Select(s => s.Name))}.");
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
            $"Unknown dataset '{name}'.{didYouMean} Known: {string.Join(", ", Known.Select(d => d.Name))}; or csv:PATH for your own file.");
    }
}
