namespace ActRun.Core.Experiments;

/// <summary>One swept value: the key, its column name in the CSV files and the canonical value text.</summary>
public sealed record SweptValue(string Key, string Column, string Value);

/// <summary>
/// One point of the sweep grid: the swept values, in sweep order. Its label names it in summaries and in
/// <c>expect:</c> — the value alone when one key is swept (<c>relu</c>), else <c>column=value</c> pairs
/// (<c>activation=relu lr=0.02</c>).
/// </summary>
public sealed record Variant(int Index, IReadOnlyList<SweptValue> Values, string Activation)
{
    /// <summary>
    /// The variant's value of each of the plan's <see cref="ExperimentPlan.KeyColumns"/>, as (column, value) in that
    /// order: what names it in summary.csv and in every per-run file.
    /// </summary>
    public IReadOnlyList<(string Column, string Value)> Keys { get; init; } = [];

    public string Label => Values.Count switch
    {
        0 => Activation,
        1 => Values[0].Value,
        _ => string.Join(" ", Values.Select(v => $"{v.Column}={v.Value}")),
    };

    /// <summary>
    /// Whether an <c>expect:</c> label picks this variant: each space-separated part, <c>value</c> or
    /// <c>column=value</c>, must be one of its values (the activation counts even when it is not swept).
    /// </summary>
    public bool Matches(string label) =>
        SplitParts(label).All(part =>
        {
            int eq = part.IndexOf('=');
            bool columnPrefix = eq > 0 && !part[..eq].Contains('(');
            return columnPrefix
                ? ColumnValue(part[..eq]) == part[(eq + 1)..]
                : part == Activation || Values.Any(v => v.Value == part);
        });

    private string? ColumnValue(string column) =>
        column == "activation" ? Activation : Values.FirstOrDefault(v => v.Column == column)?.Value;

    /// <summary>Splits at spaces outside parentheses and brackets, so <c>elu(alpha=0.5, x=1)</c> stays one part.</summary>
    private static IEnumerable<string> SplitParts(string label)
    {
        int depth = 0, start = 0;
        for (int i = 0; i <= label.Length; i++)
        {
            char c = i < label.Length ? label[i] : ' ';
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (c == ' ' && depth == 0)
            {
                if (i > start) yield return label[start..i];
                start = i + 1;
            }
        }
    }
}
