namespace ActRun.Core.Activations;

/// <summary>The one table of activations: names, aliases and factories. (Placeholder: grows into the catalog.)</summary>
public static class ActivationRegistry
{
    public static Activation Create(string text) => text.Trim() switch
    {
        "linear" or "identity" or "none" => new Linear(),
        "relu" => new Relu(),
        var other => throw new ConfigException($"Unknown activation '{other}'."),
    };

    /// <summary>Splits a comma-separated list, keeping commas inside parentheses: "relu,elu(alpha=1, x)" is two.</summary>
    public static IReadOnlyList<string> SplitList(string list)
    {
        var items = new List<string>();
        int depth = 0, start = 0;
        for (int i = 0; i < list.Length; i++)
        {
            char c = list[i];
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0)
            {
                items.Add(list[start..i].Trim());
                start = i + 1;
            }
        }
        items.Add(list[start..].Trim());
        return items.Where(s => s.Length > 0).ToList();
    }
}
