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
        WriteRows(csv, rows);
    }

    private static void WriteRows(CsvWriter csv, IEnumerable<IReadOnlyList<object?>> rows)
    {
        foreach (var row in rows)
        {
            foreach (object? field in row) csv.WriteField(Format(field));
            csv.NextRecord();
        }
    }

    /// <summary>The header and rows of a file, as text; the whole rows only when <paramref name="wholeLinesOnly"/>.</summary>
    public static List<Dictionary<string, string>> Read(string path, bool wholeLinesOnly = false)
    {
        using var reader = wholeLinesOnly ? ReadWholeLines(path) : new StreamReader(path);
        using var csv = new CsvReader(reader, CsvFiles.Configuration);
        var rows = new List<Dictionary<string, string>>();
        try
        {
            if (!csv.Read()) return rows;
            csv.ReadHeader();
            string[] header = csv.HeaderRecord ?? [];
            if (header.Distinct().Count() != header.Length) throw new ConfigException($"{path}: line 1: a column name appears twice; the file is damaged.");
            while (csv.Read())
                rows.Add(header.Select((name, i) => (name, value: csv.GetField(i) ?? "")).ToDictionary(f => f.name, f => f.value));
        }
        catch (CsvHelperException e)
        {
            throw CsvFiles.Damaged(path, e);
        }
        return rows;
    }

    /// <summary>
    /// A file that rows are appended to, without a last line that lacks its newline: the row a killed process was
    /// writing. Every complete row ends with "\n", so what is dropped was never a whole row.
    /// </summary>
    public static TextReader ReadWholeLines(string path)
    {
        string text = File.ReadAllText(path);
        return new StringReader(text.EndsWith('\n') ? text : text[..(text.LastIndexOf('\n') + 1)]);
    }

    /// <summary>Rows as CSV text, each ending with "\n" (no header): what <see cref="RowAppender"/> appends.</summary>
    public static string FormatRows(IEnumerable<IReadOnlyList<object?>> rows)
    {
        var output = new StringWriter();
        using (var csv = new CsvWriter(output, CsvFiles.Configuration, leaveOpen: true))
            WriteRows(csv, rows);
        return output.ToString();
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
