namespace ActRun.Core.Activations.Custom;

/// <summary>"Did you mean" for misspelt names: the closest candidate by edit distance, if it is close enough.</summary>
internal static class NameSuggestion
{
    /// <summary>
    /// The candidate at the smallest edit distance, when that is at most a third of the name's length (at
    /// least 1): "sigmod" and "tnah" get a suggestion, "foo" is not taken for "log".
    /// </summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            int distance = EditDistance(name, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        return bestDistance <= Math.Max(1, name.Length / 3) && bestDistance < name.Length ? best : null;
    }

    /// <summary>
    /// Edit distance where an insertion, deletion, substitution or swap of two neighbours each cost 1
    /// (optimal string alignment): a typo "tnah" is one step from "tanh".
    /// </summary>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(d[i - 1, j - 1] + cost, Math.Min(d[i - 1, j], d[i, j - 1]) + 1);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
