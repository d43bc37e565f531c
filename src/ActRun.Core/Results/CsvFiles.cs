using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace ActRun.Core.Results;

/// <summary>
/// CSV in and out: one header line, snake_case columns, invariant culture, "\n" line ends, floats in
/// round-trip form. Files are written whole or not at all (a temporary file renamed into place).
/// </summary>
public static class CsvFiles
{
    internal static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        NewLine = "\n",
    };

    public static void Write<T>(string path, IEnumerable<T> records) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            using var csv = new CsvWriter(writer, Configuration);
            csv.WriteRecords(records);
        });

    public static void WriteTo<T>(TextWriter output, IEnumerable<T> records)
    {
        using var csv = new CsvWriter(output, Configuration, leaveOpen: true);
        csv.WriteRecords(records);
    }

    public static List<T> Read<T>(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        return csv.GetRecords<T>().ToList();
    }
}
