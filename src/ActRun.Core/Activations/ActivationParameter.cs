using System.Globalization;

namespace ActRun.Core.Activations;

/// <summary>
/// One parameter of an activation: its canonical name, default, one-line doc and the values it allows.
/// Values are doubles; a boolean parameter (gelu's <c>approximate</c>) is 0 or 1 and prints as false/true.
/// </summary>
public sealed record ActivationParameter(string Name, double Default, string Doc)
{
    /// <summary>Other accepted spellings, e.g. PyTorch's <c>lambd</c> for <c>lambda</c>.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    public double Min { get; init; } = double.NegativeInfinity;

    /// <summary>When true the minimum itself is not allowed (alpha &gt; 0 rather than ≥ 0).</summary>
    public bool MinExclusive { get; init; }

    public double Max { get; init; } = double.PositiveInfinity;

    public bool IsBoolean { get; init; }

    /// <summary>What the parameter accepts, for error messages and listings: "a number > 0".</summary>
    public string Allowed => IsBoolean ? "true or false"
        : (double.IsNegativeInfinity(Min), double.IsPositiveInfinity(Max)) switch
        {
            (true, true) => "a finite number",
            (false, true) => $"a number {(MinExclusive ? ">" : ">=")} {Format(Min)}",
            (true, false) => $"a number <= {Format(Max)}",
            _ => $"a number in {(MinExclusive ? "(" : "[")}{Format(Min)}, {Format(Max)}]",
        };

    /// <summary>Infinite values are allowed only as the default (relu's max_value).</summary>
    public bool Allows(double value) => IsBoolean
        ? value is 0 or 1
        : (double.IsFinite(value) || value == Default) && (MinExclusive ? value > Min : value >= Min) && value <= Max;

    public bool Matches(string name) =>
        string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) ||
        Aliases.Any(alias => string.Equals(name, alias, StringComparison.OrdinalIgnoreCase));

    public string Format(double value) => IsBoolean ? (value != 0 ? "true" : "false") : ActivationSpec.FormatNumber(value);

    /// <summary>Reads a value as written in a spec: invariant-culture number, inf, or true/false for a boolean.</summary>
    public bool TryParse(string text, out double value)
    {
        if (IsBoolean)
        {
            bool ok = bool.TryParse(text, out bool flag);
            value = flag ? 1 : 0;
            return ok;
        }
        string lower = text.ToLowerInvariant();
        if (lower is "inf" or "+inf" or "infinity" or "none")
        {
            value = double.PositiveInfinity;
            return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }
}
