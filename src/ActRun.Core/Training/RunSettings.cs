using ActRun.Core.Optimizers;

namespace ActRun.Core.Training;

/// <summary>The network's shape: hidden widths, hidden activation (spec text), output activation, initializer.</summary>
public sealed record ModelSettings(IReadOnlyList<int> Hidden, string Activation, string Output, string Init)
{
    public bool Equals(ModelSettings? other) =>
        other is not null && Hidden.SequenceEqual(other.Hidden) && Activation == other.Activation && Output == other.Output && Init == other.Init;

    public override int GetHashCode() => HashCode.Combine(string.Join(",", Hidden), Activation, Output, Init);
}

/// <summary>How a network is trained.</summary>
public sealed record TrainSettings(int Epochs, int BatchSize, OptimizerSettings Optimizer);

/// <summary>Everything that determines one training run: with the same dataset, the same settings give the same numbers.</summary>
public sealed record RunSettings(ModelSettings Model, TrainSettings Train, ulong Seed);
