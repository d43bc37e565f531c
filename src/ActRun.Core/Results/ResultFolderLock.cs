using System.Globalization;

namespace ActRun.Core.Results;

/// <summary>
/// One writer per result folder: an exclusive operating-system lock on <see cref="LockFile"/> in the folder, held
/// by a command for as long as it writes there. A second writer is refused at once (<see cref="FolderInUseException"/>)
/// and touches nothing.
/// </summary>
/// <remarks>
/// The lock is the file stream opened with <see cref="FileShare.None"/>: .NET takes it with <c>flock</c> on Unix and
/// as a share mode on Windows, and the kernel drops it when the process ends, however it ends (<c>kill -9</c> too).
/// So a lock file left behind never blocks: the next writer simply gets the lock, and no liveness guess is involved
/// that could let two live processes in. The lock file is never deleted: a writer that deleted it could let a later
/// one lock a new file at the same path while an earlier opener still locks the old one. A held lock file cannot be
/// read (readers take a shared lock), so who holds it is written beside it, in <see cref="OwnerFile"/>, for the
/// message; it is removed on release and is only ever written by the holder.
/// </remarks>
public sealed class ResultFolderLock : IDisposable
{
    public const string LockFile = ".actrun.lock";
    public const string OwnerFile = ".actrun.lock.owner";

    /// <summary>
    /// Whether opening the lock file failed because another handle holds it: on Unix .NET reports flock's EWOULDBLOCK
    /// as an IOException whose HResult is that errno (11 on Linux, 35 on macOS and the BSDs); on Windows it is a
    /// sharing or lock violation (Win32 error 32 or 33).
    /// </summary>
    private static bool HeldElsewhere(IOException e) =>
        OperatingSystem.IsWindows() ? (e.HResult & 0xFFFF) is 32 or 33 : e.HResult == (OperatingSystem.IsLinux() ? 11 : 35);

    private readonly FileStream _stream;

    public string Folder { get; }

    private ResultFolderLock(string folder, FileStream stream) => (Folder, _stream) = (folder, stream);

    /// <summary>
    /// Creates the folder if needed and locks it for <paramref name="command"/> (a name for the message another writer
    /// gets, e.g. "actrun run"). Throws <see cref="FolderInUseException"/> when another process holds it.
    /// </summary>
    public static ResultFolderLock Acquire(string folder, string command)
    {
        string lockPath = Path.Combine(folder, LockFile);
        FileStream stream;
        try
        {
            Directory.CreateDirectory(folder);
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (HeldElsewhere(e))
        {
            throw new FolderInUseException(folder,
                $"results folder '{folder}' is in use by {Holder(folder)}; wait for it to finish (or stop it), or choose another folder.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigException($"'{folder}': cannot lock the results folder for writing ({e.Message}); choose a folder you may write to.", e);
        }
        try
        {
            var owner = string.Join('\n', $"pid: {Environment.ProcessId}", $"host: {Environment.MachineName}", $"command: {command}",
                $"started: {DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}", "");
            AtomicFile.WriteText(Path.Combine(folder, OwnerFile), owner);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw new ConfigException($"'{folder}': cannot write into the results folder ({e.Message}); choose a folder you may write to.", e);
        }
        return new ResultFolderLock(folder, stream);
    }

    /// <summary>
    /// Who holds the folder, from its owner file: "actrun run (pid 1234 on host h, since ...)". The holder writes that
    /// file just after it takes the lock, so a writer refused in between waits a moment for it. An owner file that stays
    /// missing or damaged, or names a process of this host that is gone, says only "another actrun process".
    /// </summary>
    private static string Holder(string folder)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            if (Owner(folder) is { } owner) return owner;
            Thread.Sleep(10);
        }
        return "another actrun process";
    }

    private static string? Owner(string folder)
    {
        try
        {
            var fields = File.ReadAllLines(Path.Combine(folder, OwnerFile))
                .Select(l => l.Split(": ", 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);
            if (fields.TryGetValue("pid", out string? pidText) && int.TryParse(pidText, NumberStyles.None, CultureInfo.InvariantCulture, out int pid)
                && fields.TryGetValue("host", out string? host) && fields.TryGetValue("command", out string? command)
                && (host != Environment.MachineName || AtomicFile.IsRunning(pid)))
            {
                string since = fields.TryGetValue("started", out string? started) ? $", since {started}" : "";
                return $"{command} (pid {pid} on host {host}{since})";
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // No owner file (yet): the holder is still unnamed.
        }
        return null;
    }

    /// <summary>Removes the owner file while the lock is still held (no other writer can have written its own yet), then releases the lock.</summary>
    public void Dispose()
    {
        try
        {
            File.Delete(Path.Combine(Folder, OwnerFile));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stale owner file only makes a later refusal message vaguer: it names a process only while it runs.
        }
        _stream.Dispose();
    }
}
