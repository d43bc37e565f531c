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
            sb.Append(Parameters[i].Key).Append('=').Append(FormatNumber(Parameters[i].Value));
        }
        return sb.Append(')').ToString();
    }

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
