namespace ActRun.Core.Optimizers;

/// <summary>Splits <c>name</c> or <c>name(key=value, key=value)</c> into the lower-case name and its named arguments.</summary>
internal static class SpecText
{
    public static (string Name, IReadOnlyList<(string Key, string Value)> Arguments) Split(string text, string expected)
    {
        string t = text.Trim();
        int open = t.IndexOf('(');
        if (open < 0) return (Name(t, text, expected), []);
        if (!t.EndsWith(')')) throw new ConfigException($"'{text}': missing ')'; expected {expected}.");
        string name = Name(t[..open], text, expected);
        string inner = t[(open + 1)..^1].Trim();
        var arguments = new List<(string, string)>();
        foreach (string item in inner.Length == 0 ? [] : inner.Split(','))
        {
            int eq = item.IndexOf('=');
            if (eq <= 0) throw new ConfigException($"'{text}': '{item.Trim()}' is not key=value; expected {expected}.");
            string key = item[..eq].Trim().ToLowerInvariant();
            if (arguments.Exists(a => a.Item1 == key)) throw new ConfigException($"'{text}': {key} is given twice.");
            arguments.Add((key, item[(eq + 1)..].Trim()));
        }
        return (name, arguments);
    }

    private static string Name(string name, string text, string expected)
    {
        name = name.Trim().ToLowerInvariant();
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_')
            ? name
            : throw new ConfigException($"'{text}' is not {expected}.");
    }
}
