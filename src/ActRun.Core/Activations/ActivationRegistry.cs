using ActRun.Core.Activations.Custom;

namespace ActRun.Core.Activations;

/// <summary>
/// The one table of activations (<see cref="Entries"/>, in ActivationRegistry.Table.cs) and the way from a
/// spec text to an activation: parse, resolve the name, check and canonicalise the parameters, build.
/// </summary>
public static partial class ActivationRegistry
{
    /// <summary>The entry whose canonical name or alias is <paramref name="name"/> (case-insensitive), or null.</summary>
    public static ActivationEntry? Find(string name) => Entries.FirstOrDefault(e => e.Matches(name));

    /// <summary>
    /// Builds the activation a spec text describes: a catalog entry (<c>elu</c>, <c>LeakyReLU(0.2)</c>,
    /// <c>softplus(beta=2)</c>) or an expression in x (<c>x*sigmoid(1.5*x)</c>). Expressions are recognised
    /// first, so a canonical expression label such as <c>relu(x)</c> reads back as the expression it names.
    /// </summary>
    public static Activation Create(string text)
    {
        if (CustomActivation.LooksLikeExpression(text)) return CustomActivation.Parse(text);
        var syntax = ActivationSpecSyntax.Parse(text);
        var entry = Find(syntax.Name) ?? throw UnknownActivation(syntax.Name);
        var values = entry.Parameters.ToDictionary(p => p.Name, p => p.Default);
        var given = new HashSet<string>();
        for (int i = 0; i < syntax.Arguments.Count; i++)
        {
            var (key, valueText) = syntax.Arguments[i];
            var parameter = Lookup(entry, key, i);
            if (!given.Add(parameter.Name))
                throw new ConfigException($"Activation '{entry.Name}' has parameter '{parameter.Name}' twice.");
            if (!parameter.TryParse(valueText, out double value) || !parameter.Allows(value))
                throw new ConfigException($"Parameter '{parameter.Name}' of activation '{entry.Name}' must be {parameter.Allowed}; got '{valueText}'.");
            values[parameter.Name] = value;
        }
        var nonDefault = entry.Parameters
            .Where(p => values[p.Name] != p.Default)
            .Select(p => KeyValuePair.Create(p.Name, values[p.Name]));
        return entry.Factory(new ActivationArguments(new ActivationSpec(entry.Name, nonDefault), values));
    }

    public static Activation Create(ActivationSpec spec) => Create(spec.ToString());

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

    private static ActivationParameter Lookup(ActivationEntry entry, string? key, int position)
    {
        if (key is null)
        {
            return position < entry.Parameters.Count
                ? entry.Parameters[position]
                : throw new ConfigException(entry.Parameters.Count == 0
                    ? $"Activation '{entry.Name}' takes no parameters."
                    : $"Activation '{entry.Name}' takes at most {entry.Parameters.Count} value(s): {string.Join(", ", entry.Parameters.Select(p => p.Name))}.");
        }
        return entry.FindParameter(key)
            ?? throw new ConfigException($"Unknown parameter '{key}' for activation '{entry.Name}'{ParameterList(entry)}.");
    }

    private static string ParameterList(ActivationEntry entry) => entry.Parameters.Count == 0
        ? " (it takes none)"
        : "; allowed: " + string.Join(", ", entry.Parameters.Select(p => p.Name));

    private static ConfigException UnknownActivation(string name)
    {
        return new ConfigException(
            $"Unknown activation '{name}'.{Suggest.DidYouMean(name, Entries.SelectMany(e => e.Aliases.Prepend(e.Name)))}");
    }
}
