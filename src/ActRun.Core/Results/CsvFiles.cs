using System.Globalization;
using System.Reflection;
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

    /// <summary>Records as CSV rows without the header, each ending with "\n": what <see cref="RowAppender"/> appends.</summary>
    public static string FormatRows<T>(IEnumerable<T> records)
    {
        var output = new StringWriter();
        using (var csv = new CsvWriter(output, NoHeader, leaveOpen: true))
            csv.WriteRecords(records);
        return output.ToString();
    }

    /// <summary>The header line of <typeparamref name="T"/>'s records, with its newline.</summary>
    public static string Header<T>()
    {
        var output = new StringWriter();
        using (var csv = new CsvWriter(output, Configuration, leaveOpen: true))
        {
            csv.WriteHeader<T>();
            csv.NextRecord();
        }
        return output.ToString();
    }

    /// <summary>
    /// The columns of <typeparamref name="T"/>'s records in file order, as <see cref="Write{T}"/> writes them: each
    /// column's name and how to read its value off a record (for files and outputs built from the same records).
    /// </summary>
    public static IReadOnlyList<(string Name, Func<T, object?> Value)> Columns<T>()
    {
        var map = new CsvContext(Configuration).AutoMap<T>();
        return map.MemberMaps.Where(m => !m.Data.Ignore && m.Data.Member is PropertyInfo).OrderBy(m => m.Data.Index).Select(m =>
        {
            var property = (PropertyInfo)m.Data.Member!;
            string name = m.Data.Names.Count > 0 ? m.Data.Names[m.Data.NameIndex] : property.Name;
            return (name, (Func<T, object?>)(record => property.GetValue(record)));
        }).ToList();
    }

    private static readonly CsvConfiguration NoHeader = new(CultureInfo.InvariantCulture) { NewLine = "\n", HasHeaderRecord = false };

    /// <summary>The records of a file; of its whole lines only when <paramref name="wholeLinesOnly"/> (a file rows are appended to).</summary>
    public static List<T> Read<T>(string path, bool wholeLinesOnly = false)
    {
        using var reader = wholeLinesOnly ? CsvTable.ReadWholeLines(path) : new StreamReader(path);
        using var csv = new CsvReader(reader, Configuration);
        try
        {
            return csv.GetRecords<T>().ToList();
        }
        catch (CsvHelperException e)
        {
            throw Damaged(path, e);
        }
    }

    /// <summary>A result file that does not read as ActRun wrote it: one line naming the file and line.</summary>
    internal static ConfigException Damaged(string path, CsvHelperException e)
    {
        int line = e.Context?.Parser?.RawRow ?? 0;
        string kind = e switch
        {
            BadDataException => "a stray quote",
            CsvHelper.TypeConversion.TypeConverterException => "a value of the wrong type",
            CsvHelper.MissingFieldException or HeaderValidationException => "a missing column",
            _ => e.GetType().Name,
        };
        return new ConfigException($"{path}:{(line > 0 ? $" line {line}:" : "")} cannot be read ({kind}); the file is damaged; restore it, or run the experiment again into a new folder.", e);
    }
}
