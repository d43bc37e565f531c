namespace ActRun.Core;

/// <summary>"Did you mean …?" for mistyped names, by edit distance: the one helper every registry uses.</summary>
public static class Suggest
{
    /// <summary>
    /// The candidate closest to <paramref name="word"/> (case-insensitive), when it is within a third of the
    /// word's length (at least 1 edit) and would not rewrite the whole word: 'rleu' → 'relu', 'mnsit' →
    /// 'mnist', but 'foo' is not taken for 'log'. Null when nothing is that close.
    /// </summary>
    public static string? Closest(string word, IEnumerable<string> candidates)
    {
        string w = word.Trim().ToLowerInvariant();
        int limit = Math.Max(1, w.Length / 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            int d = Distance(w, candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit && bestDistance < w.Length ? best : null;
    }

    /// <summary>" Did you mean 'x'?" (with the leading space), or "" when nothing is close.</summary>
    public static string DidYouMean(string word, IEnumerable<string> candidates) =>
        Closest(word, candidates) is string s ? $" Did you mean '{s}'?" : "";

    /// <summary>
    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours
    /// each cost 1, so a transposition typo ('rleu' for 'relu') is one edit.
    /// </summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
