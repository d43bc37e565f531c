using System.Globalization;
using CsvHelper;

namespace ActRun.Core.Results;

/// <summary>
/// CSV files whose columns are only known at run time (one per swept key): a header and rows of fields, written
/// with the same conventions as <see cref="CsvFiles"/> and read back as column → text.
/// </summary>
public static class CsvTable
{
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            WriteTo(writer, header, rows);
        });

    public static void WriteTo(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var csv = new CsvWriter(output, CsvFiles.Configuration, leaveOpen: true);
        foreach (string column in header) csv.WriteField(column);
        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (object? field in row) csv.WriteField(Format(field));
            csv.NextRecord();
        }
    }

    public static List<Dictionary<string, string>> Read(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, CsvFiles.Configuration);
        var rows = new List<Dictionary<string, string>>();
        if (!csv.Read()) return rows;
        csv.ReadHeader();
        string[] header = csv.HeaderRecord ?? [];
        while (csv.Read())
            rows.Add(header.Select((name, i) => (name, value: csv.GetField(i) ?? "")).ToDictionary(f => f.name, f => f.value));
        return rows;
    }

    /// <summary>Invariant culture; floats in round-trip form; null as an empty field; booleans as true/false.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
