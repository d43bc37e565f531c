namespace ActRun.Cli.Tests;

/// <summary>
/// Every path option and argument is checked before any work: empty, blank, a file where a folder is needed or a
/// folder where a file is needed is a one-line usage error that names the option. An empty path used to reach .NET's
/// file APIs and end as "internal error: ArgumentException", exit 1.
/// </summary>
public class PathOptionTests
{
    public static TheoryData<string, string[]> Cases()
    {
        var cases = new TheoryData<string, string[]>();
        void Folder(string name, Func<string, string[]> args)
        {
            foreach (string value in new[] { "", "   ", "{file}" }) cases.Add(name, args(value));
        }
        void File(string name, Func<string, string[]> args)
        {
            foreach (string value in new[] { "", " ", "{dir}" }) cases.Add(name, args(value));
        }
        Folder("--out", v => ["compare", "--epochs", "1", "--out", v]);
        Folder("--data-dir", v => ["compare", "--epochs", "1", "--data-dir", v]);
        File("CONFIG", v => ["run", v]);
        Folder("--out", v => ["run", "{config}", "--out", v]);
        Folder("--out", v => ["run", "{config}", "--out", v, "--resume"]);
        Folder("--data-dir", v => ["run", "{config}", "--data-dir", v]);
        File("MODEL", v => ["evaluate", v]);
        Folder("--data-dir", v => ["evaluate", "{file}", "--data-dir", v]);
        Folder("DIR", v => ["merge", v, "--out", "{new}"]);
        Folder("DIR", v => ["merge", "{dir}", v, "--out", "{new}"]);
        Folder("--out", v => ["merge", "{dir}", "--out", v]);
        Folder("DIR", v => ["report", v]);
        Folder("--data-dir", v => ["data", "list", "--data-dir", v]);
        Folder("--data-dir", v => ["data", "fetch", "mnist", "--data-dir", v]);
        Folder("--data-dir", v => ["data", "verify", "mnist", "--data-dir", v]);
        Folder("--data-dir", v => ["data", "path", "mnist", "--data-dir", v]);
        cases.Add("csv:", ["compare", "--epochs", "1", "--dataset", "csv:{dir}"]);
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_path_that_is_empty_blank_or_the_wrong_kind_is_a_one_line_usage_error_naming_the_option(string name, string[] template)
    {
        string dir = CliRunner.TempDir();
        string file = Path.Combine(dir, "a-file"), folder = Path.Combine(dir, "a-folder"), config = Path.Combine(dir, "exp.yaml");
        System.IO.File.WriteAllText(file, "keep me");
        Directory.CreateDirectory(folder);
        System.IO.File.WriteAllText(config, "dataset: {name: xor, train_size: 40, test_size: 20}\ntrain: {epochs: 1}\n");
        string[] args = template.Select(a => a.Replace("{file}", file).Replace("{dir}", folder).Replace("{config}", config)
            .Replace("{new}", Path.Combine(dir, "new"))).ToArray();

        var result = CliRunner.Run(args);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith($"actrun: {name}", result.Error);
        Assert.Equal("keep me", System.IO.File.ReadAllText(file));
        Assert.Equal(["a-file", "a-folder", "exp.yaml"], Directory.EnumerateFileSystemEntries(dir).Select(Path.GetFileName).Order());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
