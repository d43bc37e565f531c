using System.Diagnostics;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

public class InterruptTests
{
    /// <summary>
    /// Starts the real binary in <paramref name="dir"/>, sends SIGINT once a progress line contains
    /// <paramref name="interruptAt"/>, and returns what it printed once it stopped.
    /// </summary>
    private static async Task<CliResult> Interrupted(string dir, string interruptAt, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actrun.dll"));
        foreach (string arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var reached = new TaskCompletionSource();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data?.Contains(interruptAt) == true) reached.TrySetResult();
        };
        process.BeginErrorReadLine();
        try
        {
            await reached.Task.WaitAsync(TimeSpan.FromMinutes(1));
            Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "did not stop within a minute of SIGINT");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();
        string output = await stdout;
        lock (stderr) return new CliResult(process.ExitCode, output, stderr.ToString());
    }

    [Fact]
    public async Task Sigint_stops_at_an_epoch_boundary_writes_what_completed_and_exits_130()
    {
        string dir = CliRunner.TempDir();

        var result = await Interrupted(dir, "epoch 1/", "compare", "-a", "relu,tanh", "--epochs", "1000000", "--format", "csv", "--out", "res");

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("interrupted", result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "res", "summary.csv"));
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "res", "metrics.csv"));
        Assert.Equal(["relu", "tanh"], summary.Select(s => s.Activation));
        foreach (var row in summary)
        {
            int epochs = metrics.Count(m => m.Activation == row.Activation);
            Assert.Equal("incomplete: 1/1 runs cancelled", row.Status);
            Assert.Equal((0, 0, 1), (row.RunsFinished, row.RunsDiverged, row.RunsCancelled));
            Assert.Equal(Enumerable.Range(1, epochs), metrics.Where(m => m.Activation == row.Activation).Select(m => m.Epoch));
        }
        Assert.StartsWith("activation,dataset,hidden,seeds,", result.Out);
    }

    // Two variants in plan order on one thread: the small one finishes its 3 seeds, then the large one (an epoch takes
    // seconds) is interrupted after its first epoch; its two other seeds never start. (Sweeping train.epochs instead
    // would give summary.csv two "epochs" columns.)
    private const string Experiment = """
        name: interrupted
        dataset: {name: circles, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 3, batch_size: 32}
        seeds: 3
        sweep:
          dataset.train_size: [200, 400000]
        expect:
          train_size=200: {test_accuracy: [0, 1]}
          train_size=400000: {test_accuracy: [0, 1]}
        """;

    [Fact]
    public async Task An_interrupted_experiment_counts_its_runs_averages_the_finished_ones_and_check_says_incomplete()
    {
        string dir = CliRunner.TempDir();
        File.WriteAllText(Path.Combine(dir, "exp.yaml"), Experiment);

        var result = await Interrupted(dir, "] 400000 seed 42 epoch 1/3", "run", "exp.yaml", "--out", "res", "--parallel", "1", "--check", "--no-plots");

        Assert.Equal(130, result.ExitCode);
        var summary = CsvTable.Read(Path.Combine(dir, "res", "summary.csv")).ToDictionary(r => r["train_size"]);
        var done = summary["200"];
        var cut = summary["400000"];
        Assert.Equal(("3", "3", "0", "0", "ok", "true"), (done["n"], done["runs_finished"], done["runs_diverged"], done["runs_cancelled"], done["status"], done["within_expected"]));
        Assert.Equal(("0", "0", "0", "3", "incomplete: 3/3 runs cancelled", ""), (cut["n"], cut["runs_finished"], cut["runs_diverged"], cut["runs_cancelled"], cut["status"], cut["within_expected"]));
        // The stdout table: the incomplete variant's check column says so, and a last line says the experiment is incomplete.
        Assert.Contains("INCOMPLETE", result.Out);
        Assert.DoesNotContain("OUTSIDE", result.Out);
        Assert.Contains("Incomplete: 3 of 6 runs did not finish", result.Out);
        Assert.Contains("actrun: 400000: INCOMPLETE, 0/3 runs finished (3 cancelled); expected test_accuracy in [0, 1] not checked", result.Error);
        Assert.DoesNotContain("outside", result.Error);
        Assert.Contains("**Incomplete:** 3 of 6 runs did not finish", File.ReadAllText(Path.Combine(dir, "res", "report.md")));
    }
}
