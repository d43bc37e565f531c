using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ActRun.Core.Results;

/// <summary>
/// Rows as JSON, for every <c>--format json</c>: an array with one object per row whose keys are the CSV columns, in
/// column order. Numbers are JSON numbers; NaN and ±infinity, which JSON cannot hold, are null, as is an empty value;
/// text is escaped by System.Text.Json. The same header and rows as the CSV (<see cref="CsvTable"/>), so the two agree.
/// </summary>
public static class JsonTable
{
    public static void WriteTo(TextWriter output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var row in rows)
            {
                if (row.Count != header.Count) throw new ArgumentException($"a row has {row.Count} fields for {header.Count} columns.", nameof(rows));
                json.WriteStartObject();
                for (int i = 0; i < header.Count; i++)
                {
                    json.WritePropertyName(header[i]);
                    WriteValue(json, row[i]);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    /// <summary>Records as JSON under their CSV columns (<see cref="CsvFiles.Columns{T}"/>).</summary>
    public static void WriteTo<T>(TextWriter output, IEnumerable<T> records)
    {
        var columns = CsvFiles.Columns<T>();
        WriteTo(output, columns.Select(c => c.Name).ToList(), records.Select(r => (IReadOnlyList<object?>)columns.Select(c => c.Value(r)).ToList()));
    }

    private static void WriteValue(Utf8JsonWriter json, object? value)
    {
        switch (value)
        {
            case null: json.WriteNullValue(); break;
            case string s: json.WriteStringValue(s); break;
            case bool b: json.WriteBooleanValue(b); break;
            case double d when double.IsFinite(d): json.WriteNumberValue(d); break;
            case float f when float.IsFinite(f): json.WriteNumberValue(f); break;
            case double or float: json.WriteNullValue(); break;
            case int i: json.WriteNumberValue(i); break;
            case long l: json.WriteNumberValue(l); break;
            case ulong u: json.WriteNumberValue(u); break;
            case uint u: json.WriteNumberValue(u); break;
            case IFormattable f: json.WriteStringValue(f.ToString(null, CultureInfo.InvariantCulture)); break;
            default: json.WriteStringValue(value.ToString()); break;
        }
    }
}
