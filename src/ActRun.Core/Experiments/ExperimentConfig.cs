namespace ActRun.Core.Experiments;

/// <summary>
/// An experiment as a YAML file (snake_case keys). <c>compare</c> writes its resolved settings in this form as
/// config.yaml, so a comparison can be repeated exactly.
/// </summary>
public sealed class ExperimentConfig
{
    public string Name { get; set; } = "compare";
    public string? Description { get; set; }
    public string Dataset { get; set; } = "circles";
    /// <summary>The network's inputs on a 2-D toy set (TensorFlow Playground's toggles); absent means x1, x2.</summary>
    public List<string>? Features { get; set; }
    public ModelConfig Model { get; set; } = new();
    public TrainConfig Train { get; set; } = new();
    /// <summary>The base seed: toy data is generated from it, and run i of each variant uses seed + i.</summary>
    public ulong Seed { get; set; }
    /// <summary>How many seeds each variant is trained with.</summary>
    public int Seeds { get; set; } = 1;
    /// <summary>Dotted key → values; the runs are the full grid. compare sweeps model.activation.</summary>
    public Dictionary<string, List<string>> Sweep { get; set; } = new();
}

public sealed class ModelConfig
{
    public List<int> Hidden { get; set; } = [];
    public string Activation { get; set; } = "relu";
    public string Output { get; set; } = "auto";
    public string Init { get; set; } = "auto";
}

public sealed class TrainConfig
{
    public int Epochs { get; set; }
    public int BatchSize { get; set; }
    public string Optimizer { get; set; } = "adam";
    public double Lr { get; set; }
    public double Momentum { get; set; }
}
