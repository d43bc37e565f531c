using ActRun.Core;
using ActRun.Core.Results;

namespace ActRun.Commands;

/// <summary>What a command does with a result folder that already holds results.</summary>
public enum ExistingResults
{
    /// <summary>Refuse: nothing is replaced without being asked.</summary>
    Refuse,
    /// <summary>Continue them (<c>run --resume</c>).</summary>
    Resume,
    /// <summary>Remove what they wrote, then write anew (<c>--overwrite</c>).</summary>
    Overwrite,
}

/// <summary>Claims an output folder for one command: its lock, and the rule for results already there.</summary>
public static class OutFolder
{
    /// <summary>
    /// Locks <paramref name="folder"/> (creating it) for <paramref name="command"/> and checks that it may be written:
    /// a folder that holds results is refused unless <paramref name="existing"/> says otherwise. The check is made under
    /// the lock, so that a folder being written is reported as in use (who, not what); a folder that was never locked
    /// is checked first as well, so that refusing it leaves no lock file behind.
    /// <paramref name="hint"/> says what the command offers instead, e.g. "add --overwrite to replace them".
    /// </summary>
    public static ResultFolderLock Claim(string folder, string command, ExistingResults existing, string hint)
    {
        if (!File.Exists(Path.Combine(folder, ResultFolderLock.LockFile))) Check(folder, existing, hint);
        var held = ResultFolderLock.Acquire(folder, command);
        try
        {
            Check(folder, existing, hint);
            return held;
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    private static void Check(string folder, ExistingResults existing, string hint)
    {
        if (existing != ExistingResults.Refuse) return;
        var entries = ResultFolder.ResultEntries(folder);
        if (entries.Count == 0) return;
        string names = string.Join(", ", entries.Take(3).Select(Path.GetFileName)) + (entries.Count > 3 ? ", …" : "");
        throw new ConfigException($"--out '{folder}' already holds results; {hint}, or choose another folder (it has {names}).");
    }
}
