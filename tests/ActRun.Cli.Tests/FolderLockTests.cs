using System.Diagnostics;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>One writer per result folder, with real concurrent actrun processes.</summary>
public class FolderLockTests
{
    private const string Config = "dataset: {name: xor, train_size: 200, test_size: 100}\ntrain: {epochs: 2}\nsweep:\n  model.activation: [sigmoid]\n";

    private static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actrun.dll"));
        foreach (string arg in args) info.ArgumentList.Add(arg);
        return Process.Start(info)!;
    }

    /// <summary>The real signal that a process holds a folder: its pid in the folder's owner file (written after the lock is taken).</summary>
    private static async Task WaitUntilHolding(string folder, Process process)
    {
        string owner = Path.Combine(folder, ResultFolderLock.OwnerFile);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!(File.Exists(owner) && ReadOrEmpty(owner).Contains($"pid: {process.Id}\n")))
        {
            Assert.False(process.HasExited, "actrun ended before it held the folder");
            Assert.True(DateTime.UtcNow < deadline, "actrun did not take the folder's lock within two minutes");
            await Task.Delay(5);
        }
    }

    private static string ReadOrEmpty(string path)
    {
        try { return File.ReadAllText(path); }
        catch (IOException) { return ""; }
    }

    private static void Signal(Process process, string signal) => Process.Start("kill", [$"-{signal}", process.Id.ToString()])!.WaitForExit();

    /// <summary>Waits until the kernel reports the process stopped (state T in /proc/PID/stat), so that it writes nothing more.</summary>
    private static async Task WaitUntilStopped(Process process)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (File.ReadAllText($"/proc/{process.Id}/stat").Split(") ")[1][0] != 'T')
        {
            Assert.True(DateTime.UtcNow < deadline, "the process did not stop within a minute of SIGSTOP");
            await Task.Delay(5);
        }
    }

    /// <summary>Every file with its text; the held lock file (which cannot be read while it is held) by its length.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            // The lock file, and a temporary file the frozen writer may hold open (locked against readers), by their size.
            .ToDictionary(f => f, f => Path.GetFileName(f) == ResultFolderLock.LockFile || Path.GetFileName(f).EndsWith(".tmp", StringComparison.Ordinal)
                ? $"{new FileInfo(f).Length} bytes" : File.ReadAllText(f));

    [Fact]
    public async Task A_second_writer_exits_5_naming_the_folder_and_the_holder_touches_nothing_and_the_first_completes()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, Config);
        string other = Path.Combine(dir, "other"), folder = Path.Combine(dir, "res");
        var finished = CliRunner.RunProcess(dir, "run", config, "--out", other, "--quiet", "--no-plots");
        Assert.True(finished.ExitCode == 0, finished.Error);

        using var first = Start(dir, "compare", "-a", "relu,tanh", "--epochs", "200", "--out", folder, "--no-plots", "--quiet", "--format", "csv");
        var output = Task.WhenAll(first.StandardOutput.ReadToEndAsync(), first.StandardError.ReadToEndAsync());
        var seconds = new List<(string[] Args, CliResult Result)>();
        Dictionary<string, string> before, after;
        try
        {
            await WaitUntilHolding(folder, first);
            // Frozen, the first writer holds its lock and writes nothing: the folder can be compared byte for byte.
            Signal(first, "STOP");
            await WaitUntilStopped(first);
            before = Snapshot(folder);
            string[][] writers =
            [
                ["compare", "-a", "sigmoid", "--epochs", "1", "--out", folder],
                ["compare", "-a", "sigmoid", "--epochs", "1", "--out", folder, "--overwrite"],
                ["run", config, "--out", folder, "--overwrite"],
                ["run", config, "--out", folder, "--resume"],
                ["merge", other, "--out", folder, "--overwrite"],
                ["report", folder],
            ];
            foreach (string[] args in writers) seconds.Add((args, CliRunner.RunProcess(dir, args)));
            after = Snapshot(folder);
        }
        finally
        {
            Signal(first, "CONT");
            if (!first.WaitForExit(TimeSpan.FromMinutes(3))) first.Kill(entireProcessTree: true);
        }
        first.WaitForExit();
        string[] printed = await output;
        string stdout = printed[0], stderr = printed[1];

        foreach (var (args, result) in seconds)
        {
            Assert.True(result.ExitCode == 5, $"{string.Join(' ', args)}: exit {result.ExitCode}: {result.Error}");
            Assert.Equal(
                $"actrun: results folder '{folder}' is in use by actrun compare (pid {first.Id} on host {Environment.MachineName}, since ",
                result.Error[..result.Error.IndexOf(", since ", StringComparison.Ordinal)] + ", since ");
            Assert.Single(result.Error.Trim().Split('\n'));
            Assert.Equal("", result.Out);
        }
        Assert.Equal(before, after);
        Assert.True(first.ExitCode == 0, stderr);
        Assert.StartsWith("activation,", stdout);
        Assert.Contains("model.activation: [relu, tanh]", File.ReadAllText(Path.Combine(folder, "config.yaml")));
        Assert.Equal(["relu", "tanh"], CsvFiles.Read<SummaryRecord>(Path.Combine(folder, "summary.csv")).Select(s => s.Activation));
        Assert.All(ResultFolder.Load(folder).Values, r => Assert.Equal(("ok", 200), (r.Record.Status, r.Record.Epochs)));
        Assert.Equal(400, CsvFiles.Read<MetricRecord>(Path.Combine(folder, "metrics.csv")).Count);
        Assert.False(File.Exists(Path.Combine(folder, ResultFolderLock.OwnerFile)));
    }

    [Fact]
    public async Task The_lock_file_of_a_process_killed_with_sigkill_does_not_block_the_next_writer()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, Config.Replace("epochs: 2", "epochs: 400"));
        string folder = Path.Combine(dir, "res");
        int killed;
        using (var first = Start(dir, "run", config, "--out", folder, "--quiet", "--no-plots"))
        {
            var drain = Task.WhenAll(first.StandardOutput.ReadToEndAsync(), first.StandardError.ReadToEndAsync());
            try
            {
                await WaitUntilHolding(folder, first);
            }
            finally
            {
                first.Kill(); // SIGKILL: no handler runs; the lock file and the owner file stay behind.
                first.WaitForExit();
                await drain;
            }
            killed = first.Id;
        }
        Assert.True(File.Exists(Path.Combine(folder, ResultFolderLock.LockFile)));
        Assert.Contains($"pid: {killed}\n", File.ReadAllText(Path.Combine(folder, ResultFolderLock.OwnerFile)));

        var resumed = CliRunner.RunProcess(dir, "run", config, "--out", folder, "--resume", "--quiet", "--no-plots");

        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.All(ResultFolder.Load(folder).Values, r => Assert.Equal(("ok", 400), (r.Record.Status, r.Record.Epochs)));
        Assert.False(File.Exists(Path.Combine(folder, ResultFolderLock.OwnerFile)));
    }
}
