using ActRun.Core.Layers;
using ActRun.Core.Optimizers;

namespace ActRun.Core.Training;

/// <summary>
/// The network's shape: hidden widths, the compared activation (spec text), output activation, initializer, and the
/// hidden layers' spec (<see cref="Spec"/>; the plain dense stack of <see cref="Hidden"/> unless <see cref="Layers"/> is given).
/// </summary>
public sealed record ModelSettings(IReadOnlyList<int> Hidden, string Activation, string Output, string Init)
{
    /// <summary>The hidden layers; null for the plain stack of <see cref="Hidden"/>.</summary>
    public ModelSpec? Layers { get; init; }

    public ModelSpec Spec => Layers ?? ModelSpec.Plain(Hidden);

    public bool Equals(ModelSettings? other) =>
        other is not null && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation && Output == other.Output && Init == other.Init
        && Spec.Equals(other.Spec);

    public override int GetHashCode() => HashCode.Combine(string.Join(",", Hidden), Activation, Output, Init, Spec.ToString());
}

/// <summary>
/// How a network is trained. <see cref="DivergenceFactor"/>: a run whose training loss of an epoch exceeds this
/// multiple of its initial loss counts as diverged (<see cref="DivergenceRule"/>); 0 turns the bound off.
/// <see cref="Validation"/>: the validation split and the choices made on it (off by default).
/// </summary>
public sealed record TrainSettings(int Epochs, int BatchSize, OptimizerSettings Optimizer, double DivergenceFactor = DivergenceRule.DefaultFactor)
{
    public ValidationSettings Validation { get; init; } = ValidationSettings.Off;
}

/// <summary>Everything that determines one training run: with the same dataset, the same settings give the same numbers.</summary>
public sealed record RunSettings(ModelSettings Model, TrainSettings Train, ulong Seed);
