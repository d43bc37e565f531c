using System.Text;

namespace ActRun.Core.Results;

/// <summary>
/// Appends whole CSV rows to a file as they are made (metrics.csv per epoch, layers.csv and regions.csv per run),
/// so a process killed at any moment loses at most the row being written. Each batch of rows goes out in one
/// unbuffered write and is flushed to the operating system; a batch cut short by a kill leaves a last line
/// without its newline, which <see cref="CsvTable.ReadWholeLines"/> drops. Thread-safe.
/// </summary>
public sealed class RowAppender : IDisposable
{
    private readonly object _gate = new();
    private readonly string _header;
    private readonly string _path;
    private FileStream? _stream;

    /// <param name="header">The header line (with its newline), written first when the file is new or empty.</param>
    public RowAppender(string path, string header)
    {
        _path = path;
        _header = header;
    }

    /// <summary>Appends lines that each end with "\n" (CSV text as <see cref="CsvTable"/> or <see cref="CsvFiles"/> format it).</summary>
    public void Append(string lines)
    {
        if (lines.Length == 0) return;
        lock (_gate)
        {
            // Opened on the first row: an experiment that records nothing leaves no empty file behind.
            _stream ??= new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read, bufferSize: 0);
            string text = _stream.Length == 0 ? _header + lines : lines;
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            // Under a test pause the batch goes out in two writes, so that the test can stop the process between them.
            int half = TestPause.Active ? bytes.Length / 2 : 0;
            _stream.Write(bytes, 0, half);
            TestPause.At("append", _path);
            _stream.Write(bytes, half, bytes.Length - half);
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _stream?.Dispose();
            _stream = null;
        }
    }
}
