using System.Globalization;
using System.Text.RegularExpressions;

namespace ActRun.Core.Experiments;

/// <summary>
/// Sweep values written as text: a comma-separated list (<c>0.01,0.1</c>, <c>[16],[64],[64,64]</c>; commas inside
/// brackets and parentheses do not split) or a generator: <c>logspace(a, b, n)</c> gives n values from a to b
/// evenly spaced in log10, <c>linspace(a, b, n)</c> n values evenly spaced from a to b (both ends included).
/// </summary>
public static partial class SweepValues
{
    public static IReadOnlyList<string> Generators { get; } = ["logspace", "linspace"];

    /// <summary>The generated values as round-trip number texts, or null when the text is not a generator call.</summary>
    public static IReadOnlyList<string>? Generate(string text, ConfigOrigin origin)
    {
        if (ParseCall(text) is not var (name, args) || !Generators.Contains(name)) return null;

        string usage = $"{name}(start, stop, count), e.g. {name}({(name == "logspace" ? "1e-3, 1e-1" : "0, 1")}, 5)";
        if (args.Length != 3) throw origin.Error($"{name} takes three arguments: {usage}");
        if (!TryFinite(args[0], out double start) || !TryFinite(args[1], out double stop)
            || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count < 1)
            throw origin.Error($"{name} needs finite numbers and a positive whole count: {usage}");
        if (name == "logspace" && (start <= 0 || stop <= 0)) throw origin.Error($"logspace needs positive ends (the values themselves, not exponents): {usage}");

        return Enumerable.Range(0, count).Select(i => Format(name == "logspace" ? LogPoint(start, stop, i, count) : LinPoint(start, stop, i, count))).ToArray();
    }

    /// <summary>A call <c>name(a, b, ...)</c>: the lower-cased name and the trimmed arguments; null when the text is not one.</summary>
    internal static (string Name, string[] Args)? ParseCall(string text)
    {
        var match = Call().Match(text.Trim());
        return match.Success ? (match.Groups[1].Value.ToLowerInvariant(), match.Groups[2].Value.Split(',', StringSplitOptions.TrimEntries)) : null;
    }

    /// <summary>A finite number written in invariant culture.</summary>
    internal static bool TryFinite(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Splits a list at the commas that are outside brackets and parentheses.</summary>
    public static IReadOnlyList<string> SplitList(string text)
    {
        var items = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(' or '[' or '{': depth++; break;
                case ')' or ']' or '}': depth--; break;
                case ',' when depth == 0:
                    items.Add(text[start..i].Trim());
                    start = i + 1;
                    break;
            }
        }
        items.Add(text[start..].Trim());
        return items.Where(s => s.Length > 0).ToList();
    }

    // The ends are returned exactly as written, so logspace(1e-3, 1e-1, 3) starts at 0.001, not 0.0010000000000000002.
    private static double LinPoint(double a, double b, int i, int n) => n == 1 || i == 0 ? a : i == n - 1 ? b : a + (b - a) * i / (n - 1);

    private static double LogPoint(double a, double b, int i, int n) =>
        n == 1 || i == 0 ? a : i == n - 1 ? b : Math.Pow(10, Math.Log10(a) + (Math.Log10(b) - Math.Log10(a)) * i / (n - 1));

    private static string Format(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^([A-Za-z_]+)\s*\((.*)\)$")]
    private static partial Regex Call();
}
