using System.Diagnostics;
using System.Text.RegularExpressions;
using ActRun.Core.Results;

namespace ActRun.Cli.Tests;

/// <summary>
/// The error and durability promises, met by real processes that really fail: an I/O error mid-run, a parallel run
/// that throws, SIGTERM and a second SIGINT, and kill -9 at named moments of a write. The moments are reached
/// deterministically through ACTRUN_TEST_PAUSE_AT (<see cref="TestPause"/>): the process says on stderr that it is
/// there and waits for a line on stdin, and the test acts then.
/// </summary>
public class RealFailureTests
{
    // Three runs of three epochs, one at a time: every file is written several times, and quickly.
    private const string Experiment = """
        name: failures
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8]}
        train: {epochs: 3, batch_size: 32, optimizer: adam, lr: 0.02}
        sweep:
          model.activation: [relu, tanh, sigmoid]
        """;

    private static (string Dir, string Config) Setup()
    {
        string dir = CliRunner.TempDir();
        string config = Path.Combine(dir, "exp.yaml");
        File.WriteAllText(config, Experiment);
        return (dir, config);
    }

    /// <summary>A real actrun process with its stdin open, its stderr read line by line as it comes.</summary>
    private sealed class RunningProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Task<string> _stdout;
        private readonly List<string> _stderr = [];
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _stopping = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>What actrun says when the first SIGINT or SIGTERM reached it.</summary>
        public const string Stopping = "actrun: stopping at the end of the current epoch";

        public RunningProcess(string dir, string? pauseAt, params string[] args)
        {
            // Through env(1) to give the process the default SIGINT disposition a terminal gives it: a test host started
            // in the background inherits SIGINT ignored, and the runtime then ignores a signal the handler passes on.
            var info = new ProcessStartInfo("env")
            {
                WorkingDirectory = dir, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            };
            if (pauseAt is not null) info.Environment[TestPause.Variable] = pauseAt;
            info.ArgumentList.Add("--default-signal=INT,TERM");
            info.ArgumentList.Add("dotnet");
            info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "actrun.dll"));
            foreach (string arg in args) info.ArgumentList.Add(arg);
            _process = Process.Start(info)!;
            _stdout = _process.StandardOutput.ReadToEndAsync();
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                lock (_stderr) _stderr.Add(e.Data);
                if (e.Data.StartsWith("actrun-test-pause: ")) _paused.TrySetResult();
                else if (e.Data.Contains(WaitFor ?? "\0")) _paused.TrySetResult();
                if (e.Data.StartsWith(Stopping)) _stopping.TrySetResult();
            };
            _process.BeginErrorReadLine();
        }

        public int Id => _process.Id;

        /// <summary>Without a pause point: a stderr text whose appearance counts as "there".</summary>
        public string? WaitFor { get; init; }

        /// <summary>Waits until the process is at its pause point (or has printed <see cref="WaitFor"/>).</summary>
        public async Task Reached()
        {
            var done = await Task.WhenAny(_paused.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(done == _paused.Task, $"the process did not reach its pause point; stderr: {Error}");
        }

        /// <summary>Waits until the process has taken the first signal (it says so on stderr).</summary>
        public async Task SignalTaken()
        {
            var done = await Task.WhenAny(_stopping.Task, _process.WaitForExitAsync(), Task.Delay(TimeSpan.FromMinutes(2)));
            Assert.True(done == _stopping.Task, $"the process did not acknowledge the signal; stderr: {Error}");
        }

        public void Continue()
        {
            _process.StandardInput.WriteLine();
            _process.StandardInput.Flush();
        }

        public void Signal(string name) => Process.Start("kill", [$"-{name}", _process.Id.ToString()])!.WaitForExit();

        /// <summary>SIGKILL: no handler runs, nothing is flushed or tidied.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        /// <summary>Waits for the end (a bound against a hang, not a timing claim) and returns what the process printed.</summary>
        public async Task<CliResult> Exited()
        {
            Assert.True(_process.WaitForExit(TimeSpan.FromMinutes(2)), $"the process did not end; stderr: {Error}");
            _process.WaitForExit();
            return new CliResult(_process.ExitCode, await _stdout, Error);
        }

        private string Error
        {
            get { lock (_stderr) return string.Join('\n', _stderr); }
        }

        public void Dispose()
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.Dispose();
        }
    }

    /// <summary>metrics.csv without its timing column: what two runs of the same experiment must agree on.</summary>
    private static List<string> Numbers(string dir) =>
        CsvTable.Read(Path.Combine(dir, "metrics.csv"))
            .Select(r => string.Join(",", r.Where(kv => kv.Key != "epoch_seconds").Select(kv => $"{kv.Key}={kv.Value}"))).ToList();

    private static string Whole(string dir, string config, params string[] extra)
    {
        string whole = Path.Combine(dir, "whole");
        var result = CliRunner.Run(["run", config, "--out", whole, "-q", "--no-plots", "--parallel", "1", .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        return whole;
    }

    /// <summary>
    /// Every file in the folder is whole: each CSV line has the header's number of fields, and ends with a newline but
    /// for the last line of a file that rows are appended to (which every reader drops); no temporary file unless
    /// <paramref name="temporaryAllowed"/>.
    /// </summary>
    private static void AssertWholeFiles(string dir, bool temporaryAllowed = false)
    {
        foreach (string path in Directory.GetFiles(dir, "*.csv"))
        {
            string text = File.ReadAllText(path);
            bool appended = Path.GetFileName(path) is "metrics.csv" or "layers.csv" or "regions.csv";
            if (!appended) Assert.True(text.EndsWith('\n'), $"{path} does not end with a newline");
            var lines = text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
            int columns = lines[0].Split(',').Length;
            foreach (string line in lines) Assert.True(Fields(line) == columns, $"{path}: a row that is not whole: '{line}'");
            Assert.All(CsvTable.Read(path, wholeLinesOnly: true), row => Assert.Equal(columns, row.Count));
        }
        if (!temporaryAllowed) Assert.Empty(Directory.GetFiles(dir, ".*.tmp"));
    }

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

    /// <summary>stderr without the pause line: what a user would have seen.</summary>
    private static string[] ErrorLines(CliResult result) =>
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("actrun-test-pause: ")).ToArray();

    [Fact]
    public async Task An_io_error_mid_run_is_one_line_with_exit_1_and_the_rows_already_written_stay_whole()
    {
        var (dir, config) = Setup();
        string whole = Whole(dir, config), res = Path.Combine(dir, "res");
        // runs.csv is written a 3rd time when the first run has finished (1: the empty index, 2: run 1 started).
        using var process = new RunningProcess(dir, "rename:runs.csv#3", "run", config, "--out", res, "--parallel", "1", "--no-plots", "--quiet");
        await process.Reached();
        // Where runs.csv should go there is now a folder: the rename fails as a full disk or a lost mount would fail it.
        File.Delete(Path.Combine(res, "runs.csv"));
        Directory.CreateDirectory(Path.Combine(res, "runs.csv"));
        process.Continue();
        var result = await process.Exited();

        Assert.Equal(1, result.ExitCode);
        var lines = ErrorLines(result);
        Assert.True(lines.Length == 1, $"not one line: {result.Error}");
        Assert.StartsWith("actrun: ", lines[0]);
        Assert.Contains("runs.csv", lines[0]);
        Assert.DoesNotContain("internal error", lines[0]);
        Assert.Equal("", result.Out);
        // The first run's rows are in metrics.csv, whole and as a whole run has them; config.yaml is untouched.
        AssertWholeFiles(res);
        Assert.Equal(Numbers(whole).Take(3), Numbers(res));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "config.yaml")), File.ReadAllText(Path.Combine(res, "config.yaml")));
    }

    [Fact]
    public async Task A_run_that_fails_among_parallel_runs_keeps_its_own_exit_code_and_the_other_runs_results()
    {
        var (dir, config) = Setup();
        string whole = Whole(dir, config, "--save-model"), res = Path.Combine(dir, "res");
        var ids = CsvTable.Read(Path.Combine(whole, "runs.csv")).Select(r => r["run_id"]).ToList();
        // The second run's model cannot be written: a folder stands where its file goes. Its training is real; only its
        // last write fails, on one of two parallel workers.
        string blocked = Path.Combine(res, "models", ids[1] + ".actrun-model");
        Directory.CreateDirectory(blocked);

        var failed = CliRunner.RunProcess(dir, "run", config, "--out", res, "--parallel", "2", "--save-model", "--no-plots", "--quiet");

        Assert.Equal(1, failed.ExitCode);
        var lines = ErrorLines(failed);
        Assert.True(lines.Length == 1, $"not one line: {failed.Error}");
        Assert.StartsWith("actrun: ", lines[0]);
        Assert.Contains(ids[1] + ".actrun-model", lines[0]);
        Assert.DoesNotContain("internal error", lines[0]);
        AssertWholeFiles(res);
        // Every run the index calls finished has all its rows and its model, as the whole run has them.
        var runs = ResultFolder.Load(res);
        var finished = runs.Where(r => r.Value.Record.Status == "ok").Select(r => r.Key).ToList();
        Assert.NotEmpty(finished);
        Assert.DoesNotContain(ids[1], finished);
        var wholeNumbers = Numbers(whole);
        foreach (string id in finished)
        {
            Assert.Equal(wholeNumbers.Where(n => n.StartsWith($"run_id={id},")), Numbers(res).Where(n => n.StartsWith($"run_id={id},")));
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "models", id + ".actrun-model")), File.ReadAllBytes(Path.Combine(res, "models", id + ".actrun-model")));
        }

        // Once the obstacle is gone, --resume completes the experiment to the numbers of the whole run.
        Directory.Delete(blocked);
        var resumed = CliRunner.RunProcess(dir, "run", config, "--out", res, "--resume", "--save-model", "--no-plots", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(wholeNumbers, Numbers(res));
    }

    [Fact]
    public async Task Sigterm_stops_like_sigint_writes_whole_files_and_exits_130()
    {
        var (dir, _) = Setup();
        string res = Path.Combine(dir, "res");
        using var process = new RunningProcess(dir, null, "compare", "-a", "relu,tanh", "--epochs", "1000000", "--format", "csv", "--out", res, "--no-plots")
            { WaitFor = "epoch 1/" };
        await process.Reached();
        process.Signal("TERM");
        var result = await process.Exited();

        Assert.Equal(130, result.ExitCode);
        Assert.Contains(RunningProcess.Stopping, result.Error);
        Assert.Contains("actrun: interrupted;", result.Error);
        var summary = CsvFiles.Read<SummaryRecord>(Path.Combine(res, "summary.csv"));
        Assert.Equal(["relu", "tanh"], summary.Select(s => s.Activation));
        Assert.All(summary, s => Assert.Equal((0, 1), (s.RunsFinished, s.RunsCancelled)));
        Assert.StartsWith("activation,dataset,hidden,seeds,", result.Out);
        Assert.True(File.Exists(Path.Combine(res, "report.md")));
        Assert.True(File.ReadAllText(Path.Combine(res, "metrics.csv")).EndsWith('\n'), "an epoch row was cut short");
        AssertWholeFiles(res);
    }

    [Fact]
    public async Task A_second_sigint_ends_the_process_at_once()
    {
        var (dir, config) = Setup();
        string res = Path.Combine(dir, "res");
        // Held in the middle of an epoch row: the first SIGINT asks for a stop at the next epoch boundary, which this
        // process never reaches; only the second signal can end it.
        using var process = new RunningProcess(dir, "append:metrics.csv#2", "run", config, "--out", res, "--parallel", "1", "--no-plots", "--quiet");
        await process.Reached();
        process.Signal("INT");
        await process.SignalTaken();
        process.Signal("INT");
        var result = await process.Exited();

        Assert.Equal(130, result.ExitCode);
        // Ended where it stood: no summary was written, the rows on disk are whole but the one being written.
        Assert.False(File.Exists(Path.Combine(res, "summary.csv")));
        AssertWholeFiles(res);
    }

    [Theory]
    [InlineData("append:metrics.csv#4", "ok,running")] // half of run 2's first row on disk
    [InlineData("rename:runs.csv#4", "ok")] // run 2's start whole in the temporary index, not yet renamed over runs.csv
    [InlineData("rename:metrics.csv#2", "ok,ok,ok")] // the final metrics.csv whole, not yet renamed over the appended one
    [InlineData("write:summary.csv", "ok,ok,ok")] // the summary's temporary file half made, no summary.csv yet
    public async Task Sigkill_at_a_named_moment_leaves_whole_files_and_resume_completes_with_the_uninterrupted_numbers(string moment, string statuses)
    {
        var (dir, config) = Setup();
        string whole = Whole(dir, config), res = Path.Combine(dir, "res");
        using (var process = new RunningProcess(dir, moment, "run", config, "--out", res, "--parallel", "1", "--no-plots"))
        {
            await process.Reached();
            process.Kill();
        }

        AssertWholeFiles(res, temporaryAllowed: true);
        string metrics = File.ReadAllText(Path.Combine(res, "metrics.csv"));
        if (moment.StartsWith("append:")) Assert.False(metrics.EndsWith('\n'), "the kill did not cut a row");
        if (moment.StartsWith("write:") || moment.StartsWith("rename:"))
            Assert.Single(Directory.GetFiles(res, $".{moment.Split(':', '#')[1]}.*.tmp"));
        if (moment == "write:summary.csv") Assert.False(File.Exists(Path.Combine(res, "summary.csv")));
        Assert.Equal(statuses, string.Join(",", CsvTable.Read(Path.Combine(res, "runs.csv")).Select(r => r["status"])));

        var resumed = CliRunner.RunProcess(dir, "run", config, "--out", res, "--resume", "--no-plots", "--quiet");
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Equal(Numbers(whole), Numbers(res));
        Assert.All(ResultFolder.Load(res).Values, r => Assert.Equal(("ok", 3), (r.Record.Status, r.Record.Epochs)));
        AssertWholeFiles(res);
        Assert.Equal(CsvTable.Read(Path.Combine(whole, "summary.csv")).Select(r => r["test_loss"]),
            CsvTable.Read(Path.Combine(res, "summary.csv")).Select(r => r["test_loss"]));
    }
}

/// <summary>
/// Every file ActRun writes goes through the atomic path (<see cref="AtomicFile"/>: a temporary file renamed into place)
/// or the row appender (<see cref="RowAppender"/>). A new writer that opens a path for writing anywhere else (a
/// <c>File.WriteAllText</c>, a <c>new StreamWriter(path)</c>, a plot library's own save) would leave a half-written
/// file when killed; this reads the sources and names it.
/// </summary>
public class AtomicWriteSourceTests
{
    // Calls that create, replace or write a file by its path. A StreamWriter over a stream (the atomic path's) is fine.
    private static readonly Regex PathWriter = new(
        @"File\.(WriteAll\w*|AppendAll\w*|AppendText|Create|CreateText|OpenWrite|Open|Move|Copy|Replace)\s*\(|new\s+FileStream\s*\(|new\s+StreamWriter\s*\((?!stream\b)|\.Save(Png|Jpeg|Bmp|Webp|Svg|Image)\s*\(",
        RegexOptions.Compiled);

    /// <summary>The writes allowed outside the two paths, each with why (file relative to src/, and the matched text).</summary>
    private static readonly (string File, string Call, string Why)[] Allowed =
    [
        ("ActRun.Core/Results/AtomicFile.cs", "new FileStream(", "the atomic path itself: the temporary file"),
        ("ActRun.Core/Results/AtomicFile.cs", "File.Move(", "the atomic path itself: the rename"),
        ("ActRun.Core/Results/RowAppender.cs", "new FileStream(", "the append path itself"),
        ("ActRun.Core/Results/ResultFolderLock.cs", "new FileStream(", "the lock file: no result, never read for one"),
        ("ActRun.Core/Results/ResultFolder.cs", "File.WriteAllBytes(", "the empty probe that checks a folder takes files, deleted at once"),
        ("ActRun.Core/Data/Download/DatasetFetcher.cs", "new FileStream(", "downloads go to a temporary file of their own"),
        ("ActRun.Core/Data/Download/DatasetFetcher.cs", "File.Move(", "and are renamed into place once checked"),
    ];

    private static string Source()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ActRun.sln"))) return Path.Combine(dir.FullName, "src");
        throw new InvalidOperationException("ActRun.sln not found above the test folder");
    }

    [Fact]
    public void No_file_is_written_outside_the_atomic_and_append_paths()
    {
        string src = Source();
        var found = new List<string>();
        foreach (string path in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(src, path).Replace('\\', '/');
            if (relative.Split('/').Any(p => p is "bin" or "obj")) continue;
            int number = 0;
            foreach (string line in File.ReadLines(path))
            {
                number++;
                string code = line.TrimStart();
                if (code.StartsWith("//")) continue;
                foreach (Match m in PathWriter.Matches(line))
                {
                    // Reading is not writing: a FileStream or File.Open for reading only.
                    if (m.Value.Contains("FileStream") || m.Value.StartsWith("File.Open("))
                        if (line.Contains("FileAccess.Read)") || line.Contains("FileAccess.Read,")) continue;
                    string call = m.Value.Replace(" ", "");
                    if (Allowed.Any(a => a.File == relative && call.StartsWith(a.Call.Replace(" ", "")))) continue;
                    found.Add($"{relative}:{number}: {code}");
                }
            }
        }
        Assert.True(found.Count == 0, "files written outside AtomicFile and RowAppender:\n" + string.Join('\n', found));
    }
}
