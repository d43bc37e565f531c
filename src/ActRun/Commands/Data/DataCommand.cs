using System.CommandLine;

namespace ActRun.Commands.Data;

/// <summary>The options of <c>actrun data list | fetch | verify | path</c>; the actions are in <see cref="DataAction"/>.</summary>
public sealed class DataCommand
{
    public Option<string> Format { get; } = OptionParsers.OneOf("--format", "What goes to stdout: table, csv or json", "table", "table", "csv", "json");
    public Option<string?> DataDir { get; } = new Option<string?>("--data-dir") { Description = "Dataset folder (default: $ACTRUN_DATA_DIR, else ./data)" }.FolderPath();
    public Option<string?> Mirrors { get; } = new("--mirrors") { Description = "Base URLs to download from instead of the built-in mirrors, comma-separated, tried in order (also $ACTRUN_MIRRORS)" };
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "No progress on stderr" };
    public Argument<string> Name { get; } = new("NAME") { Description = "Dataset: mnist or fashion_mnist" };

    public static Command Create(CliContext context)
    {
        var o = new DataCommand();
        var list = new Command("list", """
            Every dataset: where it is found, whether its files are present and pass their SHA-256 check.
            Example: actrun data list --format json
            """)
        {
            o.Format, o.DataDir,
        };
        list.SetAction(parse => DataAction.List(parse, o, context));

        var fetch = new Command("fetch", """
            Download a dataset into <data dir>/<folder>/ from its public mirrors (tried in order), verify each file's
            SHA-256 and move it into place only when it matches. Files already present and verified are kept.
            Example: actrun data fetch mnist --data-dir ~/data
            """)
        {
            o.Name, o.DataDir, o.Mirrors, o.Quiet,
        };
        fetch.SetAction(parse => DataAction.Fetch(parse, o, context));

        var verify = new Command("verify", """
            Check a dataset's files against the published SHA-256 hashes (of the .gz, or of the decompressed content).
            Exit code 3 when a file is missing or does not match.
            Example: actrun data verify fashion_mnist
            """)
        {
            o.Name, o.DataDir, o.Format,
        };
        verify.SetAction(parse => DataAction.Verify(parse, o, context));

        var path = new Command("path", """
            Print the folder a dataset is read from (or, with exit code 3, where its files should go).
            Example: ls "$(actrun data path mnist)"
            """)
        {
            o.Name, o.DataDir,
        };
        path.SetAction(parse => DataAction.Path(parse, o, context));

        return new Command("data", "Datasets: list them, download and verify MNIST and Fashion-MNIST, show where they are.") { list, fetch, verify, path };
    }
}
