using System.Diagnostics;
using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Results;

/// <summary>
/// One writer per result folder. The lock is per open file (flock), so two acquisitions in one process exclude each
/// other as two processes do (the CLI tests check real processes: FolderLockTests).
/// </summary>
public class ResultFolderLockTests
{
    /// <summary>Every file with its text; the held lock file (which cannot be read while it is held) by its length.</summary>
    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => f, f => Path.GetFileName(f) == ResultFolderLock.LockFile ? $"{new FileInfo(f).Length} bytes" : File.ReadAllText(f));

    /// <summary>The id of a process that has ended: a holder that was killed.</summary>
    private static int GonePid()
    {
        using var process = Process.Start("true")!;
        process.WaitForExit();
        return process.Id;
    }

    [Fact]
    public void A_second_writer_is_refused_naming_the_folder_and_the_holder_and_changes_nothing()
    {
        using var dir = new TempDirectory();
        using var held = ResultFolderLock.Acquire(dir.Path, "actrun run");
        File.WriteAllText(dir.Combine("runs.csv"), "run_id\n");
        var before = Snapshot(dir.Path);

        var e = Assert.Throws<FolderInUseException>(() => ResultFolderLock.Acquire(dir.Path, "actrun compare"));

        Assert.Equal(dir.Path, e.Folder);
        Assert.StartsWith($"results folder '{dir.Path}' is in use by actrun run (pid {Environment.ProcessId} on host {Environment.MachineName}, since ", e.Message);
        Assert.Equal(before, Snapshot(dir.Path));
    }

    [Fact]
    public void Releasing_lets_the_next_writer_in_and_removes_the_owner_file_but_keeps_the_lock_file()
    {
        using var dir = new TempDirectory();
        string folder = dir.Combine("new", "results");

        ResultFolderLock.Acquire(folder, "actrun run").Dispose();
        Assert.True(File.Exists(Path.Combine(folder, ResultFolderLock.LockFile)));
        Assert.False(File.Exists(Path.Combine(folder, ResultFolderLock.OwnerFile)));

        using var next = ResultFolderLock.Acquire(folder, "actrun merge");
        Assert.Contains($"pid: {Environment.ProcessId}", File.ReadAllText(Path.Combine(folder, ResultFolderLock.OwnerFile)));
        Assert.Contains("command: actrun merge", File.ReadAllText(Path.Combine(folder, ResultFolderLock.OwnerFile)));
    }

    [Fact]
    public void A_lock_file_and_owner_file_left_by_a_killed_process_do_not_block()
    {
        using var dir = new TempDirectory();
        int gone = GonePid();
        File.WriteAllText(dir.Combine(ResultFolderLock.LockFile), "");
        File.WriteAllText(dir.Combine(ResultFolderLock.OwnerFile), $"pid: {gone}\nhost: {Environment.MachineName}\ncommand: actrun run\nstarted: 2026-01-01T00:00:00Z\n");

        using var held = ResultFolderLock.Acquire(dir.Path, "actrun compare");

        Assert.Contains($"pid: {Environment.ProcessId}", File.ReadAllText(dir.Combine(ResultFolderLock.OwnerFile)));
    }

    [Fact]
    public void A_stale_owner_file_never_lets_a_second_writer_in_while_the_lock_is_held()
    {
        using var dir = new TempDirectory();
        using var held = ResultFolderLock.Acquire(dir.Path, "actrun run");
        // As if the holder had not written its owner file yet and a killed process's file were still there.
        File.WriteAllText(dir.Combine(ResultFolderLock.OwnerFile), $"pid: {GonePid()}\nhost: {Environment.MachineName}\ncommand: actrun run\n");

        var e = Assert.Throws<FolderInUseException>(() => ResultFolderLock.Acquire(dir.Path, "actrun run"));

        Assert.Contains("is in use by another actrun process", e.Message);
    }

    [Fact]
    public void Removing_results_removes_only_what_actrun_writes()
    {
        using var dir = new TempDirectory();
        string[] ours = ["config.yaml", "runs.csv", "metrics.csv", "summary.csv", "layers.csv", "regions.csv", "points.csv", "baselines.csv",
            "report.md", "accuracy.png", "loss.png", "final_accuracy.png", "gradient_norms.png", "regions_1.png", "regions_12.png",
            "regions_relu.png", "regions_leaky_relu_alpha_0.1.png", "regions.png", "activations.png", "rmse.png", "final_r2.png",
            "train_loss.png", "val_accuracy.png", "layer_mean.png", "layer_std.png", "layer_saturation.png", "layer_input_percentiles.png",
            "depth_accuracy.png", "depth_r2.png"];
        string[] theirs = ["notes.txt", "regions_x.jpg", "regions_my plot.png", "my-plot.png", "summary.csv.bak", ResultFolderLock.LockFile, "models/README"];
        Directory.CreateDirectory(dir.Combine("models"));
        foreach (string file in ours.Concat(theirs).Append("models/0123abcd.actrun-model")) File.WriteAllText(dir.Combine(file), "x");

        Assert.Equal(ours.Length + 1, ResultFolder.ResultEntries(dir.Path).Count);
        ResultFolder.RemoveResults(dir.Path);

        Assert.Empty(ResultFolder.ResultEntries(dir.Path));
        Assert.Equal(theirs.Select(f => dir.Combine(f)).Order(), Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void An_empty_models_folder_is_removed_with_the_models()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("models"));
        File.WriteAllText(dir.Combine("models", "0123abcd.actrun-model"), "x");

        ResultFolder.RemoveResults(dir.Path);

        Assert.False(Directory.Exists(dir.Combine("models")));
    }
}
