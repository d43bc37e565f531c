namespace ActRun.Core.Data;

/// <summary>
/// Decides where datasets live: the explicit <c>--data-dir</c> value if given, else <c>$ACTRUN_DATA_DIR</c>,
/// else <c>./data</c>. A relative path is taken relative to the current directory; the result is absolute so
/// that error messages show exactly where the files were looked for.
/// </summary>
public static class DataLocator
{
    public const string EnvironmentVariable = "ACTRUN_DATA_DIR";
    public const string DefaultFolder = "data";

    /// <summary>Resolves against the real environment and current directory.</summary>
    public static string Resolve(string? explicitDirectory) =>
        Resolve(explicitDirectory, Environment.GetEnvironmentVariable, Directory.GetCurrentDirectory());

    /// <summary>
    /// Resolves with the environment lookup and current directory passed in, so tests need not touch the
    /// process environment. Blank values count as not given: an exported-but-empty variable should not point
    /// the data at the current directory.
    /// </summary>
    public static string Resolve(string? explicitDirectory, Func<string, string?> getEnvironmentVariable, string currentDirectory)
    {
        string chosen =
            NonBlank(explicitDirectory)
            ?? NonBlank(getEnvironmentVariable(EnvironmentVariable))
            ?? DefaultFolder;
        return Path.GetFullPath(chosen, currentDirectory);
    }

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
