namespace ActRun.Core.Experiments;

/// <summary>
/// An experiment as a YAML file (snake_case keys), read by <see cref="ConfigReader"/> and written by
/// <see cref="ConfigYaml"/>. Values are kept as given (aliases are canonicalised when runs are planned).
/// <c>compare</c> writes its resolved settings in this form as config.yaml, so a comparison can be repeated exactly.
/// </summary>
public sealed class ExperimentConfig
{
    public string Name { get; set; } = "experiment";
    public string? Description { get; set; }
    public DatasetConfig Dataset { get; set; } = new();
    public ModelConfig Model { get; set; } = new();
    public TrainConfig Train { get; set; } = new();
    /// <summary>The base seed: toy data is generated from it, and with <c>seeds: N</c> seed i is seed + i.</summary>
    public ulong Seed { get; set; } = 42;
    /// <summary>How many seeds each variant is trained with (seed, seed + 1, …), unless <see cref="SeedList"/> is set.</summary>
    public int Seeds { get; set; } = 1;
    /// <summary>An explicit list of run seeds (<c>seeds: [1, 7, 9]</c>); null means <see cref="Seeds"/> from <see cref="Seed"/>.</summary>
    public List<ulong>? SeedList { get; set; }
    /// <summary>Dotted key → canonical value texts, in file order; the runs are the full grid (first key outermost).</summary>
    public Dictionary<string, List<string>> Sweep { get; set; } = new();
    /// <summary>Variant label → metric → [low, high]: the published or previously measured range of a result.</summary>
    public Dictionary<string, Dictionary<string, double[]>> Expect { get; set; } = new();
    /// <summary>A reference model trained once per dataset next to the networks (<see cref="BaselineCatalog.MlNet"/>), or null.</summary>
    public string? Baseline { get; set; }
    /// <summary>The per-variant search on validation before the comparison (<c>tune:</c>), or null for none.</summary>
    public TuneSpec? Tune { get; set; }
    /// <summary>
    /// Variant label → the settings it trains with, as (dotted key, canonical value): what a search chose (written to a
    /// result folder's config.yaml after tuning), or per-variant settings written by hand. Null: every variant as swept.
    /// </summary>
    public Dictionary<string, List<(string Key, string Value)>>? Tuned { get; set; }
    /// <summary>
    /// report.equivalence_margin: the difference within which the report calls two variants equivalent (TOST), in
    /// accuracy (or R²) units; null means <see cref="Results.Comparisons.DefaultMargin"/>. It judges results and
    /// changes no run.
    /// </summary>
    public double? EquivalenceMargin { get; set; }
    /// <summary>
    /// Where values were written (file:line:column or the option), for errors found only once runs are planned:
    /// by setting key (<c>train.momentum</c>), <c>sweep:</c> + key and <c>expect:</c> + label.
    /// </summary>
    /// <remarks>
    /// Made when first asked for, as are the dataset's and optimizer's dictionaries: a fresh config is also what gives a
    /// setting's default (<see cref="ConfigKey.Default"/>), which <c>compare --help</c> prints at start-up, and making
    /// them would compile their generic code over value types there (about 3 ms per launch).
    /// </remarks>
    internal Dictionary<string, ConfigOrigin> Origins
    {
        get => origins ??= [];
        set => origins = value;
    }

    private Dictionary<string, ConfigOrigin>? origins;

    /// <summary>A config error that starts with where <paramref name="key"/> was written, when that is known.</summary>
    internal ConfigException ErrorAt(string key, string message) =>
        Origins.TryGetValue(key, out var at) ? at.Error(message) : new ConfigException(message);

    /// <summary>The seeds every variant is trained with, in seed-index order.</summary>
    public IReadOnlyList<ulong> RunSeeds() =>
        SeedList ?? Enumerable.Range(0, Seeds).Select(i => Seed + (ulong)i).ToList();

    /// <summary>A deep copy, so that a variant can change a key without touching the base.</summary>
    public ExperimentConfig Clone() => new()
    {
        Name = Name,
        Description = Description,
        Dataset = Dataset with { Features = Dataset.Features?.ToList() },
        Model = Model with { Hidden = Model.Hidden.ToList() },
        Train = Train with { },
        Seed = Seed,
        Seeds = Seeds,
        SeedList = SeedList?.ToList(),
        Sweep = Sweep.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()),
        Expect = Expect.ToDictionary(kv => kv.Key, kv => kv.Value.ToDictionary(m => m.Key, m => m.Value.ToArray())),
        Baseline = Baseline,
        Tune = Tune,
        Tuned = Tuned?.ToDictionary(kv => kv.Key, kv => kv.Value.ToList()),
        EquivalenceMargin = EquivalenceMargin,
        Origins = new(Origins),
    };
}

/// <summary>
/// <c>dataset: circles</c> (any dataset spec text: <c>spiral(noise=0.2)</c>, <c>csv:data.csv</c>) or a mapping
/// with subsets (the first N samples of a split), the toy generator's settings, the network's input features
/// (Playground's toggles, toy sets only) and a CSV file's settings. Null means the default.
/// </summary>
public sealed record DatasetConfig
{
    public string Name { get; set; } = "circles";
    public List<string>? Features { get; set; }
    public string? Path { get; set; }
    public string? TestPath { get; set; }
    public string? LabelColumn { get; set; }
    public string? Task { get; set; }
    public double? TestFraction { get; set; }
    public List<string>? DropColumns { get; set; }
    public int? TrainSubset { get; set; }
    public int? TestSubset { get; set; }
    /// <summary>The toy generator's settings that the config sets, by name (<see cref="Data.Toy.ToyOptions.All"/>); a missing one is the set's default.</summary>
    /// <remarks>
    /// Empty until set, without touching the immutable collections (see <see cref="ExperimentConfig"/>'s Origins). An
    /// empty one is stored as null, so that the record's equality stays what it was when every config held Empty.
    /// </remarks>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, double> Toy
    {
        get => toy ?? System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty;
        set => toy = value.IsEmpty ? null : value;
    }

    private System.Collections.Immutable.ImmutableSortedDictionary<string, double>? toy;
}

public sealed record ModelConfig
{
    public List<int> Hidden { get; set; } = [16];
    public string Activation { get; set; } = "relu";
    public string Output { get; set; } = "auto";
    public string Init { get; set; } = "auto";
    /// <summary>The shorthand's normalization after each hidden dense layer: none, batch or layer.</summary>
    public string Norm { get; set; } = "none";
    /// <summary>The shorthand's dropout rate after each hidden activation; 0 for none.</summary>
    public double Dropout { get; set; }
    /// <summary>The full form: the hidden layers' spec text (<see cref="Layers.ModelSpec"/>); null for the shorthand.</summary>
    public string? Layers { get; set; }
}

public sealed record TrainConfig
{
    public int Epochs { get; set; } = 40;
    public int BatchSize { get; set; } = 32;
    public string Optimizer { get; set; } = "adam";
    public double Lr { get; set; } = 0.01;
    public double Momentum { get; set; }
    /// <summary>The optimizer's other hyper-parameters that the config sets, by name (<see cref="Optimizers.OptimizerParameters"/>); a missing one is the optimizer's default.</summary>
    /// <remarks>Empty until set, as <see cref="DatasetConfig.Toy"/>.</remarks>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, double> OptimizerParameters
    {
        get => optimizerParameters ?? System.Collections.Immutable.ImmutableSortedDictionary<string, double>.Empty;
        set => optimizerParameters = value.IsEmpty ? null : value;
    }

    private System.Collections.Immutable.ImmutableSortedDictionary<string, double>? optimizerParameters;
    /// <summary>The learning-rate schedule's text (<see cref="Optimizers.LearningRateSchedule"/>): constant, step(..), exponential(..), cosine(..), one_cycle(..).</summary>
    public string Schedule { get; set; } = "constant";
    /// <summary>A run diverges when an epoch's training loss exceeds this multiple of its initial loss; 0 is off (<see cref="Training.DivergenceRule"/>).</summary>
    public double DivergenceFactor { get; set; } = Training.DivergenceRule.DefaultFactor;
    /// <summary>The share of the training rows held out for validation; 0 is none (<see cref="Training.ValidationSettings"/>).</summary>
    public double ValidationFraction { get; set; }
    /// <summary>The validation metric that picks the best epoch: val_loss or val_accuracy.</summary>
    public string Monitor { get; set; } = Training.ValidationSettings.DefaultMonitor;
    public Training.EarlyStoppingSettings? EarlyStopping { get; set; }
    public Training.PlateauSettings? ReduceLrOnPlateau { get; set; }
}
