using ActRun.Core.Data.Download;
using CsvHelper.Configuration.Attributes;

namespace ActRun.Core.Data;

/// <summary>One row of <c>actrun data list</c>: a dataset, where it is, and whether its files check out.</summary>
public sealed class DatasetStatusRecord
{
    [Name("name")] public string Name { get; set; } = "";
    /// <summary>toy (generated), images (IDX files, downloadable) or csv (the user's file).</summary>
    [Name("kind")] public string Kind { get; set; } = "";
    /// <summary>The folder the files are read from, or where a fetch would put them.</summary>
    [Name("location")] public string Location { get; set; } = "";
    /// <summary>yes, no, or "2 of 4 files".</summary>
    [Name("present")] public string Present { get; set; } = "";
    /// <summary>yes, no, or - when there is nothing to verify.</summary>
    [Name("verified")] public string Verified { get; set; } = "";
    [Name("description")] public string Description { get; set; } = "";
}

/// <summary>What <c>data list</c> and <c>data verify</c> report: every dataset's state on this machine.</summary>
public static class DatasetInventory
{
    /// <summary>
    /// Every dataset of the catalog, then the csv entry. Image sets are verified by hash (a second or so for
    /// both sets), since "present" alone would not catch a truncated download.
    /// </summary>
    public static IReadOnlyList<DatasetStatusRecord> List(string dataDirectory)
    {
        var rows = new List<DatasetStatusRecord>();
        foreach (var toy in DatasetCatalog.ToyGenerators)
            rows.Add(new() { Name = toy.Name, Kind = "toy", Location = "generated from --seed", Present = "yes", Verified = "-", Description = toy.Description });
        foreach (var layout in DatasetCatalog.ImageSets)
        {
            var checks = Verify(layout, dataDirectory);
            int present = checks.Count(c => c.State != FileState.Missing);
            rows.Add(new()
            {
                Name = layout.Name,
                Kind = "images",
                Location = Location(layout, dataDirectory),
                Present = present == checks.Count ? "yes" : present == 0 ? "no" : $"{present} of {checks.Count} files",
                Verified = present == 0 ? "-" : checks.All(c => c.Ok) ? "yes" : "no",
                Description = layout.Description,
            });
        }
        rows.Add(new()
        {
            Name = DatasetSpec.CsvName, Kind = "csv", Location = "--dataset csv:PATH", Present = "-", Verified = "-",
            Description = "your own table: a header line, numeric or text features, a label column (see --label-column, --task, --test-fraction, --drop-columns)",
        });
        return rows;
    }

    /// <summary>The folder the set is read from when complete, else where a fetch puts it.</summary>
    public static string Location(MnistLayout layout, string dataDirectory) =>
        MnistLoader.FoundFolder(layout, dataDirectory) ?? MnistLoader.TargetFolder(layout, dataDirectory);

    /// <summary>Each of the four files in <see cref="Location"/>, checked against the known hashes.</summary>
    public static IReadOnlyList<FileCheck> Verify(MnistLayout layout, string dataDirectory)
    {
        string folder = Location(layout, dataDirectory);
        var source = DownloadSources.For(layout);
        return source.Files
            .Select(file => MnistLoader.FindFile(folder, file.Name) is { } path
                ? FileVerifier.Check(path, file)
                : new FileCheck(Path.Combine(folder, file.GzipName), FileState.Missing, "not found"))
            .ToList();
    }
}
