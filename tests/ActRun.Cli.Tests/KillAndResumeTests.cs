using System.Diagnostics;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>A real actrun process killed with SIGKILL mid-run leaves whole rows, and --resume completes it exactly.</summary>
public class KillAndResumeTests
{
    // Long enough that the process is still training when the first rows appear (3 runs x 150 epochs, one at a time).
    private const string Experiment = """
        name: killed
        dataset: {name: circles, train_size: 1000, test_size: 200}
        model: {hidden: [32, 32]}
        train: {epochs: 150, batch_size: 32, optimizer: adam, lr: 0.01}
        sweep:
          model.activation: [relu, tanh, sigmoid]
        """;

    private static string[] Lines(string path) => File.ReadAllText(path).Split('\n');

    /// <summary>
    /// Every line of a CSV file is a whole row (as many fields as the header), but for a last line without its newline,
    /// which only a file that rows are appended to may have, and which its readers drop.
    /// </summary>
    private static void AssertWholeRows(string path, bool appended)
    {
        string text = File.ReadAllText(path);
        if (!appended) Assert.True(text.EndsWith('\n'), $"{path} does not end with a newline");
        string whole = text[..(text.LastIndexOf('\n') + 1)];
        var lines = whole.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int columns = Fields(lines[0]);
        foreach (string line in lines) Assert.True(Fields(line) == columns, $"{path}: a row that is not whole: '{line}'");
        // The CSV reader agrees: every row it returns has a value for every column.
        Assert.All(CsvTable.Read(path, wholeLinesOnly: true), row => Assert.Equal(columns, row.Count));
    }

    /// <summary>Fields of a line written by ActRun (quoted fields may hold commas, never newlines).</summary>
    private static int Fields(string line)
    {
        int count = 1;
        bool quoted = false;
        foreach (char c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) count++;
        }
        return count;
    }

    private static List<string> Numbers(string dir) =>
        CsvTable.Read(Path.Combine(dir, "metrics.csv"))
            .Select(r => string.Join(",", r.Where(kv => kv.Key != "epoch_seconds").Select(kv => $"{kv.Key}={kv.Value}"))).ToList();

    [Fact]
    public async Task Sigkill_mid_run_leaves_whole_rows_and_resume_completes_with_the_uninterrupted_numbers()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, Experiment);
        string killed = Path.Combine(dir, "killed"), whole = Path.Combine(dir, "whole");

        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "actrun.dll"), "run", config, "--out", killed, "--parallel", "1", "--quiet", "--no-plots" })
            info.ArgumentList.Add(arg);
        using (var process = Process.Start(info)!)
        {
            var drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
            try
            {
                // Wait for rows on disk, polling the file: the first run is then well under way.
                string metrics = Path.Combine(killed, "metrics.csv");
                var deadline = DateTime.UtcNow.AddMinutes(2);
                while (!(File.Exists(metrics) && Lines(metrics).Length > 20))
                {
                    Assert.False(process.HasExited, "actrun finished (or failed) before it could be killed");
                    Assert.True(DateTime.UtcNow < deadline, "no metrics rows within two minutes");
                    await Task.Delay(5);
                }
            }
            finally
            {
                process.Kill(); // SIGKILL: no handler runs, nothing is flushed or tidied.
                process.WaitForExit();
                await drain;
            }
        }

        var cut = ResultFolder.Load(killed);
        Assert.Contains(cut.Values, r => r.Record.Status == RunRecord.Running);
        foreach (string file in Directory.GetFiles(killed, "*.csv"))
            AssertWholeRows(file, appended: Path.GetFileName(file) is "metrics.csv" or "layers.csv" or "regions.csv");

        var resumed = CliRunner.RunProcess(dir, "run", config, "--out", killed, "--resume", "--quiet", "--no-plots");
        var reference = CliRunner.RunProcess(dir, "run", config, "--out", whole, "--quiet", "--no-plots");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.True(reference.ExitCode == 0, reference.Error);
        var numbers = Numbers(killed);
        Assert.Equal(Numbers(whole), numbers);
        Assert.Equal(450, numbers.Count);
        var keys = CsvTable.Read(Path.Combine(killed, "metrics.csv")).Select(r => (r["run_id"], r["epoch"])).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
        Assert.All(ResultFolder.Load(killed).Values, r => Assert.Equal(("ok", 150), (r.Record.Status, r.Record.Epochs)));
        foreach (string file in Directory.GetFiles(killed, "*.csv")) AssertWholeRows(file, appended: false);
        Assert.Equal(
            CsvTable.Read(Path.Combine(whole, "layers.csv")).Select(r => string.Join(",", r.Values)),
            CsvTable.Read(Path.Combine(killed, "layers.csv")).Select(r => string.Join(",", r.Values)));
    }
}
