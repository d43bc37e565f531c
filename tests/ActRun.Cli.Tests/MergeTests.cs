using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>merge writes the folder a whole run writes: every file, row for row, whatever order the folders come in.</summary>
public class MergeTests
{
    // Dataset innermost, one seed: shard 1/2 holds the xor runs, 2/2 the circles runs, so the shards' points.csv differ
    // and only the one of the plan's first dataset is right. The baseline is fitted in shard 1 only.
    private const string Experiment = """
        name: merged
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 3, batch_size: 32, optimizer: adam, lr: 0.02}
        baseline: mlnet
        sweep:
          model.activation: [relu, tanh]
          dataset.name: [xor, circles]
        """;

    /// <summary>
    /// Columns that legitimately differ between two runs of one experiment: they measure time (epoch_seconds in
    /// metrics.csv, train_seconds in summary.csv and baselines.csv, started and finished in runs.csv), not results.
    /// </summary>
    private static readonly string[] TimingColumns = ["epoch_seconds", "train_seconds", "started", "finished"];

    private static string WriteConfig(string text = Experiment) => CliRunner.WriteConfig(text);

    /// <summary>Every file under a folder, by path relative to it, the lock files aside (they belong to no result).</summary>
    private static List<string> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(dir, f))
            .Where(f => !Path.GetFileName(f).StartsWith(ResultFolderLock.LockFile, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The two folders hold the same files; each CSV file equal row for row (header included) but for the timing
    /// columns; config.yaml and every model file equal byte for byte; report.md and the plots present in both.
    /// </summary>
    internal static void AssertSameFolder(string whole, string merged)
    {
        var files = Files(whole);
        Assert.Equal(files, Files(merged));
        foreach (string file in files)
        {
            string a = Path.Combine(whole, file), b = Path.Combine(merged, file);
            if (file.EndsWith(".csv", StringComparison.Ordinal))
            {
                var (headerA, rowsA) = WithoutTiming(a);
                var (headerB, rowsB) = WithoutTiming(b);
                Assert.Equal(headerA, headerB);
                Assert.True(rowsA.SequenceEqual(rowsB), $"{file} differs from the whole run's");
            }
            else if (file is "report.md" || file.EndsWith(".png", StringComparison.Ordinal))
            {
                Assert.True(new FileInfo(b).Length > 0, $"{file} is empty");
            }
            else
            {
                Assert.True(File.ReadAllBytes(a).SequenceEqual(File.ReadAllBytes(b)), $"{file} differs from the whole run's");
            }
        }
    }

    private static (string Header, List<string> Rows) WithoutTiming(string path)
    {
        var rows = CsvTable.Read(path);
        string header = File.ReadLines(path).First();
        var columns = header.Split(',').Where(c => !TimingColumns.Contains(c)).ToList();
        return (string.Join(",", columns), rows.Select(r => string.Join(",", columns.Select(c => r[c]))).ToList());
    }

    private static void Run(params string[] args)
    {
        var result = CliRunner.Run(args);
        Assert.True(result.ExitCode == 0, $"actrun {string.Join(' ', args)}: {result.Error}");
    }

    [Fact]
    public void A_merged_folder_holds_every_file_of_the_whole_run_and_each_equals_it_row_for_row()
    {
        string config = WriteConfig(), whole = CliRunner.TempDir(), a = CliRunner.TempDir(), b = CliRunner.TempDir();
        string merged = Path.Combine(CliRunner.TempDir(), "merged");
        Run("run", config, "--out", whole, "-q", "--save-model", "--parallel", "2");
        Run("run", config, "--out", a, "-q", "--save-model", "--shard", "1/2");
        Run("run", config, "--out", b, "-q", "--save-model", "--shard", "2/2");
        // What the comparison relies on: the whole run wrote every kind of file.
        foreach (string file in new[] { "layers.csv", "regions.csv", "points.csv", "baselines.csv", "report.md", "loss.png" })
            Assert.True(File.Exists(Path.Combine(whole, file)), $"the whole run wrote no {file}");
        Assert.Equal(4, Directory.GetFiles(Path.Combine(whole, "models")).Length);
        Assert.NotEqual(File.ReadAllText(Path.Combine(a, "points.csv")), File.ReadAllText(Path.Combine(b, "points.csv")));
        Assert.False(File.Exists(Path.Combine(b, "baselines.csv")));

        // The shard with the baseline and the first dataset's points last: the merge must find them, not take the first folder's.
        var result = CliRunner.Run("merge", b, a, "--out", merged);

        Assert.True(result.ExitCode == 0, result.Error);
        AssertSameFolder(whole, merged);
        var summary = CsvTable.Read(Path.Combine(merged, "summary.csv"));
        Assert.Equal(2, summary.Count(r => r["activation"] == "mlnet-logreg"));
    }

    [Fact]
    public void Merging_folders_of_different_experiments_is_refused_with_one_line_and_writes_nothing()
    {
        string a = CliRunner.TempDir(), b = CliRunner.TempDir(), merged = Path.Combine(CliRunner.TempDir(), "merged");
        Run("run", WriteConfig(), "--out", a, "-q", "--no-plots", "--shard", "1/2");
        Run("run", WriteConfig(Experiment.Replace("lr: 0.02", "lr: 0.05")), "--out", b, "-q", "--no-plots", "--shard", "2/2");

        var result = CliRunner.Run("merge", a, b, "--out", merged);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"actrun: merge: '{b}' holds a different experiment than '{a}' (their config.yaml differ); merge only shards of one experiment.",
            result.Error.TrimEnd('\n'));
        Assert.False(Directory.Exists(merged));
    }

    /// <summary>
    /// A copy of a shard folder that was cut off: <paramref name="running"/> still running after epoch 1,
    /// <paramref name="cancelled"/> cancelled after epoch 2, neither with a model, and every number changed, so that
    /// taking any of its rows shows.
    /// </summary>
    private static string CutOffCopy(string shard, string running, string cancelled)
    {
        string cut = CliRunner.TempDir();
        foreach (string file in new[] { "config.yaml", "runs.csv", "metrics.csv", "layers.csv", "regions.csv", "points.csv" })
            File.Copy(Path.Combine(shard, file), Path.Combine(cut, file));
        File.WriteAllLines(Path.Combine(cut, "runs.csv"), File.ReadAllLines(Path.Combine(cut, "runs.csv"))
            .Select(l => l.StartsWith(running) ? l.Replace(",ok,3,", ",running,1,") : l.StartsWith(cancelled) ? l.Replace(",ok,3,", ",cancelled,2,") : l));
        foreach (string file in new[] { "metrics.csv", "layers.csv", "regions.csv" })
            File.WriteAllLines(Path.Combine(cut, file), File.ReadAllLines(Path.Combine(cut, file))
                .Select((l, i) => i == 0 ? l : l.Replace(",0.", ",0.9")));
        return cut;
    }

    [Fact]
    public void A_run_finished_in_one_folder_wins_over_a_cut_off_copy_of_it_in_another()
    {
        string config = WriteConfig(), whole = CliRunner.TempDir(), a = CliRunner.TempDir(), b = CliRunner.TempDir();
        string merged = Path.Combine(CliRunner.TempDir(), "merged");
        Run("run", config, "--out", whole, "-q", "--no-plots", "--save-model");
        Run("run", config, "--out", a, "-q", "--no-plots", "--save-model", "--shard", "1/2");
        Run("run", config, "--out", b, "-q", "--no-plots", "--save-model", "--shard", "2/2");
        var ids = CsvTable.Read(Path.Combine(a, "runs.csv")).Select(r => r["run_id"]).ToList();
        Assert.Equal(2, ids.Count);

        // The finished runs must win wherever they come: a cut-off copy of shard 1 before them and another after.
        var result = CliRunner.Run("merge", CutOffCopy(a, ids[0], ids[1]), a, b, CutOffCopy(a, ids[1], ids[0]), "--out", merged, "--no-plots", "--format", "csv");

        Assert.True(result.ExitCode == 0, result.Error);
        AssertSameFolder(whole, merged);
    }
}
