using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Results;

/// <summary>Rows reach the disk as epochs complete, whole; whole files are replaced, never half-written.</summary>
public class DurabilityTests
{
    /// <summary>Reads metrics.csv from disk at every epoch, as another process would see it then.</summary>
    private sealed class MetricsOnDisk(string folder) : IRunObserver
    {
        public List<string> Missing { get; } = [];
        public int Checked { get; private set; }
        public void RunStarted(PlannedRun run) { }
        public void EpochCompleted(PlannedRun run, EpochMetrics metrics)
        {
            var rows = CsvTable.Read(Path.Combine(folder, ResultFolder.MetricsFile), wholeLinesOnly: true);
            lock (Missing)
            {
                Checked++;
                if (!rows.Any(r => r["run_id"] == run.RunId && r["epoch"] == metrics.Epoch.ToString()))
                    Missing.Add($"{run.RunId} epoch {metrics.Epoch}");
            }
        }
        public void RunFinished(PlannedRun run, RunResult result) { }
    }

    [Fact]
    public void Each_epoch_row_is_in_metrics_csv_when_the_epoch_completes()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        var observer = new MetricsOnDisk(dir.Path);

        ExperimentRunner.Run(plan, dir.Path, new RunOptions(2), ExperimentRunner.LoadData(plan.Runs, null), observer);

        Assert.Equal(12, observer.Checked);
        Assert.Empty(observer.Missing);
    }

    [Fact]
    public void A_killed_folder_with_a_torn_last_row_resumes_to_the_uninterrupted_numbers_without_duplicates()
    {
        using var whole = new TempDirectory();
        using var cut = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, whole.Path, new RunOptions(1), data);
        ExperimentRunner.Run(plan, cut.Path, new RunOptions(1), data);
        // What a kill leaves: the last run still 'running' in runs.csv, two of its rows written and a third cut short.
        var victim = plan.Runs[^1];
        string runs = Path.Combine(cut.Path, ResultFolder.RunsFile), metrics = Path.Combine(cut.Path, ResultFolder.MetricsFile);
        File.WriteAllLines(runs, File.ReadAllLines(runs).Select(l => l.StartsWith(victim.RunId) ? l.Replace(",ok,3,", ",running,0,") : l), new System.Text.UTF8Encoding(false));
        var lines = File.ReadAllLines(metrics).ToList();
        string torn = lines.Last(l => l.StartsWith(victim.RunId));
        File.WriteAllText(metrics, string.Join("\n", lines.Where(l => !l.StartsWith(victim.RunId) || !l.Contains(",3,"))) + "\n" + torn[..(torn.Length / 2)]);

        var stored = ResultFolder.Load(cut.Path);
        Assert.Equal(2, stored[victim.RunId].Epochs.Count);
        var resumed = ExperimentRunner.Run(plan, cut.Path, new RunOptions(2, Resume: true), data);

        Assert.Equal((3, 1), (resumed.Kept, resumed.Trained));
        Assert.Equal(SmallSweep.Numbers(whole.Path), SmallSweep.Numbers(cut.Path));
    }

    [Fact]
    public void A_completed_run_with_rows_missing_is_trained_again_on_resume()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, dir.Path, new RunOptions(1), data);
        string metrics = Path.Combine(dir.Path, ResultFolder.MetricsFile);
        var victim = plan.Runs[0];
        File.WriteAllLines(metrics, File.ReadAllLines(metrics).Where(l => !(l.StartsWith(victim.RunId) && l.Contains(",2,"))));

        var resumed = ExperimentRunner.Run(plan, dir.Path, new RunOptions(1, Resume: true), data);

        Assert.Equal((3, 1), (resumed.Kept, resumed.Trained));
        Assert.Equal(3, ResultFolder.Load(dir.Path)[victim.RunId].Epochs.Count);
    }

    [Fact]
    public void Rows_appended_from_many_threads_are_each_whole()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("rows.csv");
        using (var appender = new RowAppender(path, "a,b,c\n"))
            Parallel.For(0, 400, i => appender.Append(CsvTable.FormatRows([[i, new string('x', i), i * 0.5]])));

        var rows = CsvTable.Read(path);

        Assert.Equal(Enumerable.Range(0, 400), rows.Select(r => int.Parse(r["a"])).Order());
        Assert.All(rows, r => Assert.Equal(new string('x', int.Parse(r["a"])), r["b"]));
    }

    [Fact]
    public void A_write_that_fails_midway_leaves_the_old_file_whole_and_no_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = dir.Combine("summary.csv");
        File.WriteAllText(path, "old,whole\n");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("new,half"u8);
            throw new InvalidOperationException("disk gone");
        }));

        Assert.Equal("old,whole\n", File.ReadAllText(path));
        Assert.Equal(["summary.csv"], Directory.GetFiles(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_finished_experiment_leaves_no_temporary_files()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        ExperimentRunner.Run(plan, dir.Path, new RunOptions(2), ExperimentRunner.LoadData(plan.Runs, null));

        Assert.Empty(Directory.GetFiles(dir.Path, ".*"));
    }

    // Found by ResultFolderFuzzTests: a stray quote in metrics.csv escaped as CsvHelper's BadDataException (exit 1).
    [Fact]
    public void A_damaged_metrics_file_is_a_config_error_naming_the_file_and_line()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        ExperimentRunner.Run(plan, dir.Path, new RunOptions(1), ExperimentRunner.LoadData(plan.Runs, null));
        string metrics = Path.Combine(dir.Path, ResultFolder.MetricsFile);
        var lines = File.ReadAllLines(metrics);
        lines[3] = lines[3].Insert(lines[3].IndexOf(',') + 1, "\"x");
        File.WriteAllLines(metrics, lines);

        var e = Assert.Throws<ConfigException>(() => ResultFolder.Load(dir.Path));

        Assert.StartsWith($"{metrics}: line ", e.Message);
        Assert.Contains("stray quote", e.Message);
    }

    [Fact]
    public void Temporary_files_of_a_killed_process_are_removed_when_the_folder_is_used_again()
    {
        using var dir = new TempDirectory();
        // A process that has exited stands for the killed one: its pid is no longer running.
        using var gone = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        gone.WaitForExit();
        string stale = Path.Combine(dir.Path, $".summary.csv.{gone.Id}.tmp");
        string live = Path.Combine(dir.Path, $".summary.csv.{Environment.ProcessId}.tmp");
        string other = Path.Combine(dir.Path, ".notes.tmp");
        foreach (string file in new[] { stale, live, other }) File.WriteAllText(file, "partial");

        ResultFolder.Prepare(dir.Path);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live));
        Assert.True(File.Exists(other));
    }
}
