using System.Globalization;
using System.Text;

namespace ActRun.Core.Activations;

/// <summary>
/// An activation's name and its non-default parameters, e.g. <c>leaky_relu(negative_slope=0.2)</c>.
/// The text form is canonical: parsing <see cref="ToString"/> gives an equal spec.
/// </summary>
public sealed class ActivationSpec : IEquatable<ActivationSpec>
{
    public ActivationSpec(string name, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        Name = name;
        Parameters = (parameters ?? []).ToArray();
    }

    public string Name { get; }

    /// <summary>Parameters in declaration order; only those that differ from the defaults.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters { get; }

    public override string ToString()
    {
        if (Parameters.Count == 0) return Name;
        var sb = new StringBuilder(Name).Append('(');
        for (int i = 0; i < Parameters.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            var (key, value) = (Parameters[i].Key, Parameters[i].Value);
            string text = ActivationRegistry.Find(Name)?.FindParameter(key)?.Format(value) ?? FormatNumber(value);
            sb.Append(key).Append('=').Append(text);
        }
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// Reads a spec and canonicalises it through the registry: aliases become the canonical name, a positional
    /// first value is named, default values are dropped (<c>LeakyReLU(0.2)</c> gives <c>leaky_relu(negative_slope=0.2)</c>).
    /// Throws <see cref="ConfigException"/> for an unknown name or a bad parameter.
    /// </summary>
    public static ActivationSpec Parse(string text) => ActivationRegistry.Create(text).Spec;

    /// <summary>Shortest round-trip text of a parameter value, invariant culture (0.2, not 0.20000000298).</summary>
    public static string FormatNumber(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public bool Equals(ActivationSpec? other) =>
        other is not null && Name == other.Name && Parameters.SequenceEqual(other.Parameters);

    public override bool Equals(object? obj) => obj is ActivationSpec other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        foreach (var p in Parameters)
        {
            hash.Add(p.Key);
            hash.Add(p.Value);
        }
        return hash.ToHashCode();
    }
}
