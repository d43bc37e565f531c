namespace ActRun.Core.Results;

/// <summary>Writes a file whole or not at all: into a temporary file beside it, flushed, then renamed over it.</summary>
public static class AtomicFile
{
    public static void Write(string path, Action<Stream> write)
    {
        string full = Path.GetFullPath(path);
        string temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                write(stream);
                TestPause.At("write", full);
                stream.Flush(flushToDisk: true);
            }
            TestPause.At("rename", full);
            File.Move(temp, full, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>
    /// Deletes the temporary files that a killed process left in <paramref name="folder"/> (never read, only clutter).
    /// A temporary file of a process that is still running is left alone: it may be writing it now.
    /// </summary>
    public static void RemoveLeftovers(string folder)
    {
        if (!Directory.Exists(folder)) return;
        foreach (string file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            string[] parts = Path.GetFileName(file).Split('.');
            if (parts.Length < 4 || !int.TryParse(parts[^2], out int pid) || IsRunning(pid)) continue;
            try
            {
                File.Delete(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Clutter that cannot be removed does no harm.
            }
        }
    }

    /// <summary>Whether a process with this id runs on this machine now.</summary>
    internal static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    public static void WriteText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
