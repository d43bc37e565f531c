using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>Records as CSV or JSON on stdout, for scripts: the same columns as the files, JSON keys named as the CSV columns.</summary>
public static class RecordOutput
{
    public static void Write<T>(TextWriter output, string format, IEnumerable<T> records)
    {
        if (format == "json")
            JsonTable.WriteTo(output, records);
        else
            CsvFiles.WriteTo(output, records);
    }
}
