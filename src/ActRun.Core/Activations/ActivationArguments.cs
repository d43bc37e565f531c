namespace ActRun.Core.Activations;

/// <summary>What a factory receives: the canonical spec and every parameter's value (defaults filled in).</summary>
public sealed class ActivationArguments(ActivationSpec spec, IReadOnlyDictionary<string, double> values)
{
    public ActivationSpec Spec { get; } = spec;

    public double this[string name] => values.TryGetValue(name, out double value)
        ? value
        : throw new ArgumentException($"Activation {Spec.Name} has no parameter '{name}'.", nameof(name));

    public float Float(string name) => (float)this[name];

    public bool Bool(string name) => this[name] != 0;

    /// <summary>A cross-parameter rule failed: a one-line error naming the parameters.</summary>
    public ConfigException Invalid(string what) => new($"Invalid parameters for activation '{Spec}': {what}.");
}
