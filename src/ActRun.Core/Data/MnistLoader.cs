namespace ActRun.Core.Data;

/// <summary>
/// Loads a dataset in MNIST's layout (<see cref="MnistLayout"/>): pixels stay bytes and are scaled by 1/255
/// on the way out (<see cref="ByteFeatures"/>); labels are checked to be below 10 and to match the images in
/// number. Every problem is a <see cref="DataException"/> that names the file.
/// </summary>
public static class MnistLoader
{
    private const float PixelScale = 1f / 255f;

    /// <summary>
    /// Loads <paramref name="layout"/> from <c>&lt;dataDirectory&gt;/&lt;layout.Folder&gt;/</c>, or else from the first of
    /// its system folders that holds all four files, keeping the first <paramref name="trainSubset"/> and
    /// <paramref name="testSubset"/> samples if given.
    /// </summary>
    public static Dataset Load(MnistLayout layout, string dataDirectory, int? trainSubset = null, int? testSubset = null)
    {
        string[] paths = FindFiles(layout, dataDirectory);
        var dataset = new Dataset(
            layout.Name,
            TaskKind.Classification,
            MnistLayout.ClassCount,
            FeatureNames,
            ReadSplit(paths[0], paths[1]),
            ReadSplit(paths[2], paths[3])) { Normalisation = new Normalisation(Scale: PixelScale) };
        return dataset.WithSubsets(trainSubset, testSubset);
    }

    /// <summary>One name per pixel, row by row: <c>pixel_0_0</c> … <c>pixel_27_27</c>.</summary>
    public static IReadOnlyList<string> FeatureNames { get; } =
        Enumerable.Range(0, MnistLayout.ImageRows * MnistLayout.ImageColumns)
            .Select(i => $"pixel_{i / MnistLayout.ImageColumns}_{i % MnistLayout.ImageColumns}")
            .ToArray();

    /// <summary>
    /// The four files' paths in <see cref="MnistLayout.FileNames"/> order, from the first folder that has all of
    /// them. The uncompressed file wins over the <c>.gz</c> when both are there, as it reads faster.
    /// </summary>
    private static string[] FindFiles(MnistLayout layout, string dataDirectory)
    {
        if (TryFindFiles(layout, dataDirectory) is { } paths) return paths;

        string primary = Path.Combine(dataDirectory, layout.Folder);
        var missing = MnistLayout.FileNames
            .Where(name => FindFile(primary, name) is null)
            .Select(name => Path.Combine(primary, name) + "[.gz]");
        string hint = layout.InstallHint is null ? "" : $" ({layout.InstallHint})";
        throw new DataException(
            $"{layout.Name}: missing {string.Join(", ", missing)}. Place the four {layout.Name} files in {primary}{Path.DirectorySeparatorChar} "
            + $"(raw or .gz), or set --data-dir or {DataLocator.EnvironmentVariable} to a folder that has a {layout.Folder}{Path.DirectorySeparatorChar} subfolder{hint}.");
    }

    internal static string[]? TryFindFiles(MnistLayout layout, string dataDirectory) =>
        FoundFolder(layout, dataDirectory) is { } folder ? MnistLayout.FileNames.Select(name => FindFile(folder, name)!).ToArray() : null;

    /// <summary>Where a fetch puts the files, and the first place they are looked for: &lt;data dir&gt;/&lt;folder&gt;.</summary>
    public static string TargetFolder(MnistLayout layout, string dataDirectory) => Path.Combine(dataDirectory, layout.Folder);

    /// <summary>The first folder (the data dir's, then the system folders) that holds all four files, or null.</summary>
    public static string? FoundFolder(MnistLayout layout, string dataDirectory) =>
        layout.SystemFolders.Prepend(TargetFolder(layout, dataDirectory))
            .FirstOrDefault(folder => MnistLayout.FileNames.All(name => FindFile(folder, name) is not null));

    /// <summary>The file <paramref name="name"/> in <paramref name="folder"/>, raw or <c>.gz</c> (raw preferred), or null.</summary>
    public static string? FindFile(string folder, string name)
    {
        string raw = Path.Combine(folder, name);
        if (File.Exists(raw)) return raw;
        string gz = raw + ".gz";
        return File.Exists(gz) ? gz : null;
    }

    private static DataSplit ReadSplit(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        if (images.Rows != MnistLayout.ImageRows || images.Columns != MnistLayout.ImageColumns)
            throw new DataException(
                $"{imagesPath}: images are {images.Rows}x{images.Columns}, expected {MnistLayout.ImageRows}x{MnistLayout.ImageColumns}. Check that this is the right file.");

        byte[] labelBytes = IdxReader.ReadLabels(labelsPath);
        if (labelBytes.Length != images.Count)
            throw new DataException(
                $"{labelsPath}: {labelBytes.Length} labels, but {imagesPath} has {images.Count} images. One of the two is from another set or damaged; fetch both again.");

        var labels = new int[labelBytes.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labelBytes[i] >= MnistLayout.ClassCount)
                throw new DataException(
                    $"{labelsPath}: label {labelBytes[i]} at index {i} is outside 0..{MnistLayout.ClassCount - 1}. Delete it and fetch it again.");
            labels[i] = labelBytes[i];
        }

        var features = new ByteFeatures(images.Pixels, images.Count, images.Rows * images.Columns, PixelScale);
        return new DataSplit(features, labels, null);
    }
}
