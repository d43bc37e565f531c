using System.Diagnostics;

namespace ActRun.Cli.Tests;

/// <summary>What a command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error);

/// <summary>Runs actrun in-process (own writers, so tests can run in parallel) or as a real process.</summary>
public static class CliRunner
{
    public static CliResult Run(params string[] args) => Run(CancellationToken.None, args);

    /// <summary>With a token of its own: one already cancelled checks and plans everything but trains nothing (as a Ctrl-C at once).</summary>
    public static CliResult Run(CancellationToken cancel, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = CliApp.Run(args, new CliContext(stdout, stderr, false, cancel));
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The real `actrun` binary (built next to the tests), with its own stdout and stderr pipes.</summary>
    public static CliResult RunProcess(string workingDirectory, params string[] args) =>
        RunProcess(workingDirectory, new Dictionary<string, string>(), args);

    /// <summary>The real binary with extra environment variables.</summary>
    public static CliResult RunProcess(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment) info.Environment[name] = value;
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actrun.dll"));
        foreach (string arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(3)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"actrun {string.Join(' ', args)} did not finish in 3 minutes");
        }
        return new CliResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// A fresh folder under this test process's own temporary root. The test host is often stopped without running
    /// exit handlers, so each run deletes instead the roots of earlier runs whose process is gone: at most one run's
    /// folders stay for a look after a failure (ACTRUN_KEEP_TEST_DIRS=1 keeps them all).
    /// </summary>
    public static string TempDir() => Directory.CreateDirectory(Path.Combine(Root.Value, Guid.NewGuid().ToString("N")[..12])).FullName;

    /// <summary>Writes an experiment file into a fresh temporary folder and returns its path.</summary>
    public static string WriteConfig(string text)
    {
        string path = Path.Combine(TempDir(), "exp.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The rows of one CSV file of a result folder.</summary>
    public static List<Dictionary<string, string>> Rows(string dir, string file) => ActRun.Core.Results.CsvTable.Read(Path.Combine(dir, file));

    private const string RootPrefix = "actrun-cli-tests-";

    private static readonly Lazy<string> Root = new(() =>
    {
        string temp = Path.GetTempPath();
        if (Environment.GetEnvironmentVariable("ACTRUN_KEEP_TEST_DIRS") != "1")
        {
            foreach (string old in Directory.EnumerateDirectories(temp, RootPrefix + "*"))
            {
                if (!int.TryParse(Path.GetFileName(old)[RootPrefix.Length..], out int pid) || IsRunning(pid)) continue;
                try { Directory.Delete(old, recursive: true); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* best effort: it is in the temp folder */ }
            }
        }
        return Directory.CreateDirectory(Path.Combine(temp, RootPrefix + Environment.ProcessId)).FullName;
    });

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
