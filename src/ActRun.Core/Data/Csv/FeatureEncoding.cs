using System.Globalization;

namespace ActRun.Core.Data.Csv;

/// <summary>One CSV feature column in the network's input: a number (width 1), or a text column one-hot encoded over its categories.</summary>
internal sealed record EncodedColumn(int Index, string Name, IReadOnlyDictionary<string, int>? Categories)
{
    public int Width => Categories?.Count ?? 1;
}

/// <summary>
/// How the feature columns of a CSV table become the network's inputs, decided on the training rows only. A column
/// is numeric when more than half of its non-empty training values are finite numbers (a stray text in it is then
/// an error that names the line); otherwise it is a text column, one-hot encoded: one input per category seen in the
/// training rows, in ordinal (byte) order of the text, named <c>column=category</c>. A category seen only outside
/// the training rows sets none of them (all zeros). An empty cell in a text column is a category of its own.
/// </summary>
internal sealed class FeatureEncoding
{
    /// <summary>A text column with more categories than this is refused (most likely an id, a date or free text).</summary>
    public const int MaxCategories = 50;

    private FeatureEncoding(IReadOnlyList<EncodedColumn> columns)
    {
        Columns = columns;
        Names = columns.SelectMany(c => c.Categories is null ? [c.Name] : c.Categories.OrderBy(p => p.Value).Select(p => $"{c.Name}={p.Key}")).ToArray();
        IsOneHot = columns.SelectMany(c => Enumerable.Repeat(c.Categories is not null, c.Width)).ToArray();
    }

    public IReadOnlyList<EncodedColumn> Columns { get; }

    /// <summary>The input names, one per input: the column, or <c>column=category</c>.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Per input: whether it is one of a one-hot block (kept at 0 and 1, not standardised).</summary>
    public bool[] IsOneHot { get; }

    public int Width => IsOneHot.Length;

    public static FeatureEncoding Create(string path, IReadOnlyList<string> header, IReadOnlyList<string[]> rows, int[] featureColumns, int[] trainRows)
    {
        var columns = new List<EncodedColumn>();
        foreach (int c in featureColumns)
        {
            var values = trainRows.Select(r => rows[r][c]).ToList();
            var filled = values.Where(v => v.Length > 0).ToList();
            int numbers = filled.Count(IsNumber);
            if (filled.Count == 0 || 2 * numbers > filled.Count)
            {
                columns.Add(new EncodedColumn(c, header[c], null));
                continue;
            }
            var categories = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
            if (categories.Count > MaxCategories || (categories.Count > 10 && 2 * categories.Count > trainRows.Length))
                throw new DataException(
                    $"{path}: text column '{header[c]}' has {categories.Count} different values in {trainRows.Length} training rows (an id, a date or free text?), too many to one-hot encode " +
                    $"(at most {MaxCategories}, and at most half the rows). Drop it with --drop-columns {header[c]}.");
            columns.Add(new EncodedColumn(c, header[c], categories.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal)));
        }
        return new FeatureEncoding(columns);
    }

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v);
}
