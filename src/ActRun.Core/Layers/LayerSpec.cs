using System.Globalization;
using System.Text;
using ActRun.Core.Activations;

namespace ActRun.Core.Layers;

/// <summary>
/// One layer of a model spec, e.g. <c>dense(256)</c>, <c>dropout(0.2)</c>, <c>batch_norm(momentum=0.9)</c>,
/// <c>act</c> (the activation being compared) or <c>act(tanh)</c> (a fixed one). The text form is canonical:
/// the first parameter is written positionally when the kind requires it, other parameters only when they differ
/// from their defaults; parsing <see cref="ToString"/> gives an equal spec.
/// </summary>
public sealed record LayerSpec(string Kind, double? Argument = null, IReadOnlyList<KeyValuePair<string, double>>? Options = null, string? FixedActivation = null)
{
    /// <summary>The placeholder for the compared activation (<c>model.activation</c>, swapped by <c>--activations</c>).</summary>
    public const string ActivationKind = "act";

    public IReadOnlyList<KeyValuePair<string, double>> Options { get; init; } = Options ?? [];

    public bool IsComparedActivation => Kind == ActivationKind && FixedActivation is null;

    public bool Equals(LayerSpec? other) => other is not null && ToString() == other.ToString();
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    /// <summary>The value of an option, or its default.</summary>
    public double Option(string name) =>
        Options.FirstOrDefault(o => o.Key == name) is { Key: not null } o ? o.Value : LayerKinds.Get(Kind).Options.First(p => p.Name == name).Default;

    public override string ToString() => Kind == ActivationKind
        ? FixedActivation is null ? ActivationKind : $"{ActivationKind}({FixedActivation})"
        : Print(Kind, Argument, LayerKinds.Get(Kind).Options.Select(p => (p.Name, Option(p.Name), p.Default)).ToList());

    /// <summary><c>kind</c>, <c>kind(argument)</c> or <c>kind(argument, key=value)</c> with only the non-default options.</summary>
    internal static string Print(string kind, double? argument, IReadOnlyList<(string Name, double Value, double Default)> options)
    {
        var parts = new List<string>();
        if (argument is double a) parts.Add(FormatNumber(a));
        parts.AddRange(options.Where(o => o.Value != o.Default).Select(o => $"{o.Name}={FormatNumber(o.Value)}"));
        return parts.Count == 0 ? kind : new StringBuilder(kind).Append('(').AppendJoin(", ", parts).Append(')').ToString();
    }

    internal static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Reads one layer; a bad name or value is a <see cref="ConfigException"/> that says what is expected.</summary>
    public static LayerSpec Parse(string text)
    {
        string trimmed = text.Trim();
        int open = trimmed.IndexOf('(');
        string name = (open < 0 ? trimmed : trimmed[..open]).Trim().ToLowerInvariant();
        if (open >= 0 && !trimmed.EndsWith(')')) throw new ConfigException($"Cannot read layer '{trimmed}': expected one '(...)' at the end, as in dense(64) or dropout(0.2).");
        string inner = open < 0 ? "" : trimmed[(open + 1)..^1].Trim();
        if (name == ActivationKind)
            return new LayerSpec(ActivationKind, FixedActivation: inner.Length == 0 ? null : ActivationSpec.Parse(inner).ToString());
        var kind = LayerKinds.Find(name)
            ?? throw new ConfigException($"Unknown layer '{name}'.{Suggest.DidYouMean(name, LayerKinds.Names)} Known: {string.Join(", ", LayerKinds.Names)}.");

        double? argument = null;
        var options = new Dictionary<string, double>();
        foreach (string item in inner.Length == 0 ? [] : inner.Split(','))
        {
            int equals = item.IndexOf('=');
            string? key = equals < 0 ? null : item[..equals].Trim().ToLowerInvariant();
            string valueText = (equals < 0 ? item : item[(equals + 1)..]).Trim();
            if (key is null || key == kind.Argument)
            {
                if (kind.Argument is null) throw new ConfigException($"Layer '{trimmed}': {name} takes only named options ({kind.Usage}).");
                if (argument is not null) throw new ConfigException($"Layer '{trimmed}': {kind.Argument} is given twice ({kind.Usage}).");
                argument = Value(trimmed, kind.Argument, valueText, kind.ArgumentValid, kind.ArgumentExpected);
                continue;
            }
            var option = kind.Options.FirstOrDefault(o => o.Name == key)
                ?? throw new ConfigException($"Layer '{trimmed}': {name} has no option '{key}'.{Suggest.DidYouMean(key, kind.Options.Select(o => o.Name))} ({kind.Usage}).");
            options[key] = Value(trimmed, key, valueText, option.Valid, option.Expected);
        }
        if (kind.Argument is not null && argument is null) throw new ConfigException($"Layer '{trimmed}': {name} needs its {kind.Argument} ({kind.Usage}).");
        return new LayerSpec(name, argument,
            kind.Options.Where(o => options.TryGetValue(o.Name, out double v) && v != o.Default).Select(o => KeyValuePair.Create(o.Name, options[o.Name])).ToList());
    }

    private static double Value(string layer, string name, string text, Func<double, bool> valid, string expected) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && valid(v)
            ? v
            : throw new ConfigException($"Layer '{layer}': {name} must be {expected}, got '{text}'.");
}

/// <summary>A layer kind's parameters: the required positional one (units, rate, stddev) and named options with Keras's defaults.</summary>
public sealed record LayerKind(string Name, string? Argument, Func<double, bool> ArgumentValid, string ArgumentExpected,
    IReadOnlyList<LayerOption> Options, string Summary, string Example)
{
    public string Usage => $"e.g. {Example}";
}

public sealed record LayerOption(string Name, double Default, Func<double, bool> Valid, string Expected);

/// <summary>The registry of layer kinds a model spec can list (besides <c>act</c>).</summary>
public static class LayerKinds
{
    private static bool Rate(double v) => v is >= 0 and < 1;

    public static IReadOnlyList<LayerKind> All { get; } =
    [
        new("dense", "units", v => v >= 1 && v == Math.Floor(v) && v <= int.MaxValue, "a positive whole number", [],
            "fully connected: x·W + b (Keras Dense, PyTorch nn.Linear)", "dense(128)"),
        new("dropout", "rate", Rate, "a number in [0, 1)", [],
            "inverted dropout: zeroes a value with probability rate while training, scales the rest by 1/(1 − rate)", "dropout(0.2)"),
        new("alpha_dropout", "rate", Rate, "a number in [0, 1)", [],
            "dropout for SELU: dropped values go to SELU's saturation, then an affine map keeps mean 0 and variance 1", "alpha_dropout(0.1)"),
        new("gaussian_noise", "stddev", v => v >= 0, "a number >= 0", [],
            "adds N(0, stddev²) to every value while training", "gaussian_noise(0.1)"),
        new("batch_norm", null, _ => true, "", [
                new("momentum", BatchNorm.DefaultMomentum, Rate, "a number in [0, 1)"),
                new("epsilon", BatchNorm.DefaultEpsilon, v => v > 0, "a positive number")],
            "normalises each unit over the batch (running statistics at evaluation), then scales and shifts", "batch_norm(momentum=0.9)"),
        new("layer_norm", null, _ => true, "", [new("epsilon", LayerNorm.DefaultEpsilon, v => v > 0, "a positive number")],
            "normalises each sample over its units, then scales and shifts", "layer_norm(epsilon=1e-05)"),
    ];

    /// <summary>Every name a spec may use, <c>act</c> included.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name), LayerSpec.ActivationKind];

    public static LayerKind? Find(string name) => All.FirstOrDefault(k => k.Name == name);

    public static LayerKind Get(string name) => Find(name) ?? throw new ArgumentException($"no layer kind '{name}'", nameof(name));
}
