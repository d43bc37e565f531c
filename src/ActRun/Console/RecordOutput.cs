using System.Text.Json;
using System.Text.Json.Serialization;
using ActRun.Core.Results;

namespace ActRun.Console;

/// <summary>Records as CSV (the same columns as the files) or JSON (snake_case) on stdout, for scripts.</summary>
public static class RecordOutput
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public static void Write<T>(TextWriter output, string format, IEnumerable<T> records)
    {
        if (format == "json")
            output.WriteLine(JsonSerializer.Serialize(records, Json));
        else
            CsvFiles.WriteTo(output, records);
    }
}
