using Spectre.Console;

namespace ActRun.Console;

/// <summary>A plain, colourless table for stdout, sized to its content (readable in a pipe or a file).</summary>
public static class TextTable
{
    /// <summary>Writes the table; columns in which every cell is "-" (no spread with one seed, say) are left out, to fit 80 columns.</summary>
    public static void Write(TextWriter output, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, int rightAlignedFrom = int.MaxValue)
    {
        var all = rows.ToList();
        var keep = Enumerable.Range(0, headers.Count).Where(i => i == 0 || all.Count == 0 || all.Any(r => r[i] != "-")).ToList();
        headers = keep.Select(i => headers[i]).ToList();
        rightAlignedFrom = keep.Count(i => i < rightAlignedFrom);
        rows = all.Select(r => (IReadOnlyList<string>)keep.Select(i => r[i]).ToList()).ToList();
        var buffer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(buffer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        // Wide enough that long labels stay on one line; the table itself is only as wide as its content.
        console.Profile.Width = 240;
        var table = new Table().Border(TableBorder.Simple);
        for (int i = 0; i < headers.Count; i++)
        {
            // The border puts one space between columns and the padding one more; none at the edges: an eight-column summary fits in 80 characters.
            var column = new TableColumn(headers[i]).Padding(0, 0, i == headers.Count - 1 ? 0 : 1, 0);
            table.AddColumn(i == 0 ? column.NoWrap() : i >= rightAlignedFrom ? column.RightAligned() : column);
        }
        foreach (var row in rows) table.AddRow(row.Select(Markup.Escape).ToArray());
        console.Write(table);
        // The simple border draws its top and bottom edges as blank lines, and pads lines with spaces.
        var lines = buffer.ToString().Split('\n').Select(l => l.TrimEnd()).ToList();
        lines = lines.SkipWhile(l => l.Length == 0).Reverse().SkipWhile(l => l.Length == 0).Reverse().ToList();
        // It also indents every line by one space, which only costs width.
        lines = lines.Select(l => l.StartsWith(' ') ? l[1..] : l).ToList();
        int width = lines.Where(l => !l.StartsWith('─')).Select(l => l.Length).DefaultIfEmpty(0).Max();
        foreach (string line in lines)
            output.Write((line.StartsWith('─') ? new string('─', width) : line) + "\n");
    }
}
