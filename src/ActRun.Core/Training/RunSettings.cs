using ActRun.Core.Optimizers;

namespace ActRun.Core.Training;

/// <summary>The network's shape: hidden widths, hidden activation (spec text), output activation, initializer.</summary>
public sealed record ModelSettings(IReadOnlyList<int> Hidden, string Activation, string Output, string Init)
{
    public bool Equals(ModelSettings? other) =>
        other is not null && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation && Output == other.Output && Init == other.Init;

    public override int GetHashCode() => HashCode.Combine(string.Join(",", Hidden), Activation, Output, Init);
}

/// <summary>
/// How a network is trained. <see cref="DivergenceFactor"/>: a run whose training loss of an epoch exceeds this
/// multiple of its initial loss counts as diverged (<see cref="DivergenceRule"/>); 0 turns the bound off.
/// </summary>
public sealed record TrainSettings(int Epochs, int BatchSize, OptimizerSettings Optimizer, double DivergenceFactor = DivergenceRule.DefaultFactor);

/// <summary>Everything that determines one training run: with the same dataset, the same settings give the same numbers.</summary>
public sealed record RunSettings(ModelSettings Model, TrainSettings Train, ulong Seed);
