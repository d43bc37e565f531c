using System.Globalization;
using System.Text.RegularExpressions;

namespace ActRun.Plots;

/// <summary>
/// A variant's label as a legend shows it: a run of three or more equal items in a bracketed list is written once with
/// its count (<c>hidden=[64,64,64,64,64]</c> → <c>hidden=[64×5]</c>), so that the labels of a depth sweep leave the plot
/// its room. Only the legend is shortened; files and tables keep the full label.
/// </summary>
public static partial class LegendLabel
{
    public static string Short(string label) => BracketedList().Replace(label, m => "[" + Runs(m.Groups[1].Value) + "]");

    private static string Runs(string list)
    {
        string[] items = list.Split(',');
        var parts = new List<string>();
        for (int i = 0; i < items.Length;)
        {
            int j = i;
            while (j < items.Length && items[j].Trim() == items[i].Trim()) j++;
            int count = j - i;
            parts.Add(count >= 3 ? $"{items[i].Trim()}×{count.ToString(CultureInfo.InvariantCulture)}" : string.Join(",", items[i..j]));
            i = j;
        }
        return string.Join(",", parts);
    }

    /// <summary>A list without nested brackets or parentheses (a layer spec's <c>dense(128)</c> items keep their commas' meaning).</summary>
    [GeneratedRegex(@"\[([^\[\]()]*)\]")]
    private static partial Regex BracketedList();
}
