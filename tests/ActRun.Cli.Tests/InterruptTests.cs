using System.Diagnostics;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

public class InterruptTests
{
    [Fact]
    public async Task Sigint_stops_at_an_epoch_boundary_writes_what_completed_and_exits_130()
    {
        string dir = CliRunner.TempDir();
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "actrun.dll"), "compare", "-a", "relu,tanh", "--epochs", "1000000", "--format", "csv", "--out", "res" })
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var firstEpoch = new TaskCompletionSource();
        var stderr = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data?.Contains("epoch 1/") == true) firstEpoch.TrySetResult();
        };
        process.BeginErrorReadLine();
        try
        {
            await firstEpoch.Task.WaitAsync(TimeSpan.FromMinutes(1));
            Process.Start("kill", ["-INT", process.Id.ToString()])!.WaitForExit();
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), "did not stop within a minute of SIGINT");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        process.WaitForExit();

        Assert.Equal(130, process.ExitCode);
        lock (stderr) Assert.Contains("interrupted", stderr.ToString());
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(dir, "res", "summary.csv"));
        var metrics = CsvFiles.Read<MetricRecord>(Path.Combine(dir, "res", "metrics.csv"));
        Assert.Equal(["relu", "tanh"], summary.Select(s => s.Activation));
        foreach (var row in summary)
        {
            int epochs = metrics.Count(m => m.Activation == row.Activation);
            Assert.Equal($"cancelled after epoch {epochs}", row.Status);
            Assert.Equal(Enumerable.Range(1, epochs), metrics.Where(m => m.Activation == row.Activation).Select(m => m.Epoch));
        }
        Assert.StartsWith("activation,dataset,hidden,seeds,", await stdout);
    }
}
