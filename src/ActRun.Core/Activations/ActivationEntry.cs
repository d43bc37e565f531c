namespace ActRun.Core.Activations;

/// <summary>One row of the activation catalog (<see cref="ActivationRegistry.Entries"/>): everything known about
/// an activation, as data, plus the factory that builds it from resolved parameter values.</summary>
public sealed record ActivationEntry
{
    /// <summary>Canonical snake_case name, as printed in labels.</summary>
    public required string Name { get; init; }

    /// <summary>Other accepted names (matched case-insensitively): Keras and PyTorch spellings.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Parameters in declaration order; a positional argument fills them in this order.</summary>
    public IReadOnlyList<ActivationParameter> Parameters { get; init; } = [];

    public required string Formula { get; init; }

    /// <summary>Output range at the default parameters, as text: "(0, 1)", "[0, inf)".</summary>
    public required string Range { get; init; }

    /// <summary>Supremum of |f'(x)| at the default parameters; null when unbounded or learned.</summary>
    public required double? MaxDerivative { get; init; }

    /// <summary>Outputs take both signs on a comparable scale, so mean activations can sit near zero
    /// (tanh, the ELU family); false when outputs are (almost) non-negative (relu, sigmoid, gelu).</summary>
    public required bool ZeroCentred { get; init; }

    public required ActivationUse TypicalUse { get; init; }

    /// <summary>Where Keras and PyTorch defaults or definitions differ, and which one this follows.</summary>
    public string? FrameworkNote { get; init; }

    /// <summary>The weight initializer the activation is designed for (selu: lecun_normal); null for no preference.</summary>
    public string? PreferredInitializer { get; init; }

    public required Func<ActivationArguments, Activation> Factory { get; init; }

    public ActivationParameter? FindParameter(string name) => Parameters.FirstOrDefault(p => p.Matches(name));

    public bool Matches(string name) =>
        string.Equals(name, Name, StringComparison.OrdinalIgnoreCase) ||
        Aliases.Any(alias => string.Equals(name, alias, StringComparison.OrdinalIgnoreCase));
}
