using Spectre.Console;

namespace ActRun.Console;

/// <summary>A plain, colourless table for stdout, sized to its content (readable in a pipe or a file).</summary>
public static class TextTable
{
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int rightAlignedFrom = int.MaxValue)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Wide enough that long labels stay on one line; the table itself is only as wide as its content.
        console.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Simple);
        for (int i = 0; i < headers.Count; i++)
        {
            var column = new TableColumn(headers[i]);
            table.AddColumn(i == 0 ? column.NoWrap() : i >= rightAlignedFrom ? column.RightAligned() : column);
        }
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
    }
}
