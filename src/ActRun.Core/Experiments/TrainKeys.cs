using ActRun.Core.Optimizers;
using ActRun.Core.Training;
using static ActRun.Core.Experiments.ConfigKeys;

namespace ActRun.Core.Experiments;

/// <summary>
/// The <c>train.*</c> settings, one declaration each: key, value, description and, for some, a command-line option.
/// The optimizer's own hyper-parameters come from their declarations in <see cref="OptimizerParameters"/>, the
/// schedules' parameters from <see cref="LearningRateSchedule.Kinds"/>. The default is the one in <see cref="TrainConfig"/>.
/// </summary>
public static class TrainKeys
{
    public static ConfigKey Epochs { get; } = new("train.epochs", "a positive whole number", "Training epochs.",
        c => Int(c.Train.Epochs), (c, n, o) => c.Train.Epochs = PositiveInt(n, o)) { Option = new("--epochs", "Training epochs") };

    public static ConfigKey BatchSize { get; } = new("train.batch_size", "a positive whole number", "Mini-batch size; the last partial batch is used.",
        c => Int(c.Train.BatchSize), (c, n, o) => c.Train.BatchSize = PositiveInt(n, o)) { Option = new("--batch-size", "Mini-batch size") };

    public static ConfigKey Optimizer { get; } = new("train.optimizer", "one of " + string.Join(", ", OptimizerSettings.Names),
        "The optimizer: " + string.Join(", ", OptimizerRegistry.Names) + " (docs/optimizers.md); Keras's defaults and update forms, PyTorch's on request (torch_epsilon, epsilon).",
        c => c.Train.Optimizer, (c, n, o) => c.Train.Optimizer = OneOf(n, o, OptimizerSettings.Names))
    {
        Option = new("--optimizer", $"{string.Join(", ", OptimizerSettings.Names)}; their other parameters with --set train.NAME=VALUE (docs/optimizers.md)"),
    };

    public static ConfigKey Lr { get; } = new("train.lr", "a positive number", "The learning rate.",
        c => Num(c.Train.Lr), (c, n, o) => c.Train.Lr = Number(n, o, v => v > 0, "a positive number")) { Option = new("--lr", "Learning rate") };

    public static ConfigKey Momentum { get; } = new("train.momentum", "a number in [0, 1)", () => OptimizerKeyDescription(OptimizerParameters.Momentum),
        c => Num(c.Train.Momentum), (c, n, o) => c.Train.Momentum = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)"))
    {
        Option = new("--momentum", "SGD momentum, 0 = plain SGD"),
    };

    public static ConfigKey Schedule { get; } = new("train.schedule", "a schedule such as cosine(warmup=2)",
        "The learning rate per epoch from train.lr: " + string.Join(", ", LearningRateSchedule.Names) +
        ", with parameters in parentheses: step(step_size=5, gamma=0.5), cosine(warmup=2, min_lr=0.0001), one_cycle (docs/optimizers.md). Empty: constant.",
        c => c.Train.Schedule,
        (c, n, o) => c.Train.Schedule = Checked(o, () => LearningRateSchedule.Parse(Text(n, o, "a schedule such as cosine(warmup=2)")).ToString()), Omitted: "constant")
    {
        Option = new("--schedule", "The learning rate per epoch: " + string.Join(", ", LearningRateSchedule.Names) + ", with parameters as in cosine(warmup=2) (docs/optimizers.md)"),
    };

    public static ConfigKey DivergenceFactor { get; } = new("train.divergence_factor", "a number >= 0, or off",
        "A run diverges when an epoch's mean training loss exceeds this multiple of its initial loss, as when the loss becomes NaN. 0 or off: NaN and infinity only.",
        c => Num(c.Train.DivergenceFactor), (c, n, o) => c.Train.DivergenceFactor = ConfigKeys.DivergenceFactor(n, o))
    {
        Option = new("--divergence-factor",
            "A run counts as diverged when an epoch's training loss exceeds this multiple of its initial loss, as when it becomes NaN; 0 or off: NaN and infinity only"),
    };

    public static ConfigKey ValidationFraction { get; } = new("train.validation_fraction", "a number in [0, 1)",
        "The share of the training rows held out for validation (per class for a classification, drawn from each run's seed: the same rows for every variant of a seed). " +
        "The best epoch is chosen on it and the run ends with that epoch's weights. Empty: 0 (none; the final epoch is reported); compare holds out 0.1.",
        c => Num(c.Train.ValidationFraction), (c, n, o) => c.Train.ValidationFraction = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)"), Omitted: "0")
    {
        Option = new("--validation-fraction",
            "The share of the training rows held out for validation (per class, the same rows for every variant of a seed): the best epoch is chosen on it and its weights are tested; 0 switches it off and the final epoch is reported"),
    };

    public static ConfigKey Monitor { get; } = new("train.monitor", "one of " + string.Join(", ", ValidationSettings.Monitors),
        "The validation metric that chooses the best epoch: val_loss (lowest) or val_accuracy (highest). Empty: val_loss.",
        c => c.Train.Monitor, (c, n, o) => c.Train.Monitor = OneOf(n, o, ValidationSettings.Monitors), Omitted: ValidationSettings.DefaultMonitor);

    public static ConfigKey EarlyStopping { get; } = new("train.early_stopping",
        "off, on, or a mapping such as {monitor: val_loss, patience: 5, min_delta: 0, mode: auto}",
        "Stop once the monitored validation metric has not improved by more than min_delta for patience epochs (Keras's EarlyStopping; mode auto: max for val_accuracy, min for val_loss). on: monitor val_loss, patience 0, min_delta 0. Empty: off.",
        c => c.Train.EarlyStopping?.ToString() ?? "off", (c, n, o) => c.Train.EarlyStopping = CallbackKeys.EarlyStopping(n, o), Omitted: "off");

    public static ConfigKey ReduceLrOnPlateau { get; } = new("train.reduce_lr_on_plateau",
        "off, on, or a mapping such as {monitor: val_loss, factor: 0.1, patience: 10, min_delta: 0.0001, cooldown: 0, min_lr: 0, mode: auto}",
        "Multiply the learning rate by factor when the monitored validation metric has not improved by more than min_delta for patience epochs, then wait cooldown epochs; never below min_lr (Keras's ReduceLROnPlateau). on: factor 0.1, patience 10, min_delta 0.0001. Empty: off.",
        c => c.Train.ReduceLrOnPlateau?.ToString() ?? "off", (c, n, o) => c.Train.ReduceLrOnPlateau = CallbackKeys.Plateau(n, o), Omitted: "off");

    /// <summary>The keys written out above, in order (<see cref="ConfigKeys.Declared"/>).</summary>
    public static IReadOnlyList<ConfigKey> Declared { get; } =
        [Epochs, BatchSize, Optimizer, Lr, Momentum, Schedule, DivergenceFactor, ValidationFraction, Monitor, EarlyStopping, ReduceLrOnPlateau];

    /// <summary>
    /// The train keys in the order config.yaml and the config reference list them: the declared ones, with a key per
    /// optimizer hyper-parameter after momentum.
    /// </summary>
    public static IReadOnlyList<ConfigKey> All => Generated.All;

    /// <summary>Made on first use, not with the declarations (<see cref="ConfigKeys.Declared"/>).</summary>
    private static class Generated
    {
        public static readonly IReadOnlyList<ConfigKey> All =
        [
            .. Declared.TakeWhile(k => !ReferenceEquals(k, Schedule)),
            .. OptimizerParameters.All.Where(p => p != OptimizerParameters.Momentum).Select(OptimizerKey),
            .. Declared.SkipWhile(k => !ReferenceEquals(k, Schedule)),
        ];
    }

    /// <summary>
    /// The key train.NAME of an optimizer hyper-parameter, from its one declaration; left out of config.yaml when not set
    /// (the optimizer's default), so configs written before it existed keep their meaning.
    /// </summary>
    private static ConfigKey OptimizerKey(OptimizerParameter p) => new("train." + p.Name, p.Expected, () => OptimizerKeyDescription(p),
        c => c.Train.OptimizerParameters.TryGetValue(p.Name, out double v) ? p.Format(v) : "",
        (c, n, o) => c.Train.OptimizerParameters = c.Train.OptimizerParameters.SetItem(p.Name, Checked(o, () => p.ParseValue(Text(n, o, p.Expected)))),
        Omitted: "");

    private static string OptimizerKeyDescription(OptimizerParameter p) =>
        p.Description + (p == OptimizerParameters.Momentum ? "" : " Empty: the optimizer's default.") + " Taken by: " + string.Join(", ", p.Optimizers) + ".";
}
