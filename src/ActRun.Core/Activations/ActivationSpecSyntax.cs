namespace ActRun.Core.Activations;

/// <summary>
/// The text form of a spec before the registry resolves it: <c>name</c> or <c>name(arg, key=value, ...)</c>,
/// positional arguments first. Knows nothing about which names and parameters exist.
/// </summary>
internal sealed record ActivationSpecSyntax(string Name, IReadOnlyList<(string? Key, string Value)> Arguments)
{
    public static ActivationSpecSyntax Parse(string text)
    {
        string trimmed = text.Trim();
        int open = trimmed.IndexOf('(');
        string name = (open < 0 ? trimmed : trimmed[..open]).Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            throw Error(text, "expected a name of letters, digits and '_'");
        if (open < 0) return new(name, []);
        if (!trimmed.EndsWith(')') || trimmed.IndexOf(')') != trimmed.Length - 1 || trimmed.IndexOf('(', open + 1) >= 0)
            throw Error(text, "expected one '(...)' at the end");

        string inner = trimmed[(open + 1)..^1];
        var arguments = new List<(string?, string)>();
        if (inner.Trim().Length == 0) return new(name, arguments);
        foreach (string item in inner.Split(','))
        {
            int equals = item.IndexOf('=');
            string? key = equals < 0 ? null : item[..equals].Trim();
            string value = (equals < 0 ? item : item[(equals + 1)..]).Trim().Trim('\'', '"');
            if (value.Length == 0 || key is { Length: 0 }) throw Error(text, "expected 'value' or 'name=value' between commas");
            if (key is null && arguments.Any(a => a.Item1 is not null)) throw Error(text, "a positional value follows a named one");
            arguments.Add((key, value));
        }
        return new(name, arguments);
    }

    private static ConfigException Error(string text, string what) =>
        new($"Cannot read activation '{text.Trim()}': {what}, as in leaky_relu(negative_slope=0.2).");
}
