using ActRun.Core.Data;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// Where the tests look for real datasets: where the tool looks (<c>$ACTRUN_DATA_DIR</c>, else <c>./data</c>), with a
/// relative path taken from the repository root (the folder with ActRun.sln) instead of the test host's output
/// folder, so plain <c>dotnet test</c> finds the same files as <c>actrun</c> run from the clone.
/// </summary>
public static class TestData
{
    /// <summary>
    /// Set by <c>.ci/run</c> to the layouts whose files are present (<c>mnist,fashion_mnist</c>, or <c>1</c> for all):
    /// their tests then fail instead of skipping when the files are not found, so a CI run cannot pass them silently.
    /// </summary>
    public const string RequireVariable = "ACTRUN_REQUIRE_DATA";

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Directory { get; } = DataLocator.Resolve(null, Environment.GetEnvironmentVariable, RepositoryRoot);

    public static bool Required(string layoutName) =>
        (Environment.GetEnvironmentVariable(RequireVariable) ?? "").Split(',', StringSplitOptions.TrimEntries) is var names
        && (names.Contains("1") || names.Contains(layoutName, StringComparer.OrdinalIgnoreCase));

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "ActRun.sln"))) return folder.FullName;
        throw new InvalidOperationException($"No ActRun.sln above {AppContext.BaseDirectory}: the tests run from a clone of the repository.");
    }
}
