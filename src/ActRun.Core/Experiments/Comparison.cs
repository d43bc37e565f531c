using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Data.Toy;
using ActRun.Core.Optimizers;

namespace ActRun.Core.Experiments;

/// <summary>
/// The same network trained once per activation and seed, from <c>compare</c>'s options. Activations are
/// canonical spec texts; every activation gets the same run seeds (seed, seed + 1, …), so their networks start
/// from the same draws. <see cref="DatasetName"/> is the dataset's canonical spec text (<see cref="DatasetSpec"/>);
/// <see cref="Features"/> the network's inputs on a toy set (null: x1, x2). What is not given here is the
/// dataset's default (<see cref="DatasetDefaults"/>); compare then stores the settings given as options over them,
/// as <c>--set</c> would.
/// </summary>
public sealed record Comparison(
    string DatasetName,
    IReadOnlyList<string> Activations,
    IReadOnlyList<int>? Hidden,
    string? Optimizer,
    ulong Seed,
    int Seeds,
    IReadOnlyList<string>? Features = null,
    string? Baseline = null)
{
    /// <summary>
    /// The comparison as an experiment: the activations are a sweep over <c>model.activation</c>, so
    /// <c>compare</c> runs on the same machinery as <c>run</c>, and the config.yaml it writes repeats it exactly.
    /// </summary>
    public ExperimentConfig ToConfig()
    {
        var defaults = DatasetDefaults.For(DatasetName);
        string optimizer = Optimizer ?? defaults.Optimizer;
        return new()
        {
            Name = "compare",
            Description = $"compare {string.Join(", ", Activations)} on {DatasetName}",
            Dataset = new DatasetConfig { Name = DatasetName, Features = Features is null || PlaygroundFeatures.IsDefault(Features) ? null : Features.ToList() },
            Model = new ModelConfig { Hidden = (Hidden ?? defaults.Hidden).ToList(), Activation = Activations[0] },
            Train = new TrainConfig
            {
                Epochs = defaults.Epochs,
                BatchSize = defaults.BatchSize,
                Optimizer = optimizer,
                // Another optimizer than the dataset's starts at its own default rate; the dataset's momentum applies to sgd whatever its rate.
                Lr = optimizer == defaults.Optimizer ? defaults.LearningRate : OptimizerSettings.DefaultLearningRate(optimizer),
                Momentum = optimizer == "sgd" ? defaults.Momentum : 0,
                ValidationFraction = DatasetDefaults.ValidationFraction,
            },
            Seed = Seed,
            Seeds = Seeds,
            Sweep = new() { ["model.activation"] = Activations.ToList() },
            Baseline = Baseline,
        };
    }

    /// <summary>Canonicalises activation texts (aliases, default parameters) and rejects duplicates.</summary>
    public static IReadOnlyList<string> CanonicalActivations(IEnumerable<string> texts)
    {
        var result = new List<string>();
        foreach (string text in texts)
        {
            string canonical = ActivationRegistry.Create(text).Spec.ToString();
            if (result.Contains(canonical))
                throw new ConfigException($"Activation '{text}' is listed twice (as '{canonical}').");
            result.Add(canonical);
        }
        if (result.Count == 0) throw new ConfigException("No activation given: pass --activations, e.g. --activations relu,tanh.");
        return result;
    }
}

/// <summary>Per-dataset defaults: what a run uses when an option is not given.</summary>
public sealed record DatasetDefaults(IReadOnlyList<int> Hidden, int Epochs, int BatchSize, string Optimizer, double LearningRate, double Momentum = 0)
{
    /// <summary>The dataset <c>compare</c> trains on when none is given.</summary>
    public const string Dataset = "spiral";

    /// <summary>
    /// The share of the training rows <c>compare</c> holds out for validation unless told otherwise: the best epoch is
    /// chosen on it, and its weights are the ones tested (experiment files hold none out unless they ask).
    /// </summary>
    public const double ValidationFraction = 0.1;

    /// <summary>
    /// Images (mnist): 784-128-10 trained with plain SGD at 0.1, batch 64, 5 epochs — the classic setting.
    /// Toy 2-D sets: four hidden layers of 16, SGD at 0.03 with momentum 0.9, batch 32, 60 epochs — deep and narrow,
    /// so that the activation decides what the network learns in about a second: on the spiral relu solves it,
    /// tanh is still on its near-linear plateau (a linear model's accuracy), and sigmoid's gradient vanishes
    /// through the four layers (chance); docs/compare.md has the measured spread.
    /// CSV tables: one hidden layer of 16, Adam at 0.01, batch 32, 40 epochs — a robust start for your own data.
    /// </summary>
    public static DatasetDefaults For(string dataset) => For(DatasetSpec.Parse(dataset).Kind);

    /// <summary>The defaults for a kind of dataset (see <see cref="For(string)"/>).</summary>
    public static DatasetDefaults For(DatasetKind kind) => kind switch
    {
        DatasetKind.Images => new([128], 5, 64, "sgd", 0.1),
        DatasetKind.Toy => new([16, 16, 16, 16], 60, 32, "sgd", 0.03, Momentum: 0.9),
        _ => new([16], 40, 32, "adam", 0.01),
    };
}
