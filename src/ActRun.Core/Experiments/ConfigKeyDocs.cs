namespace ActRun.Core.Experiments;

/// <summary>
/// What each config key means, for the generated config reference (docs/config-reference.md). Every key of
/// <see cref="ConfigKeys.All"/> and <see cref="ConfigKeys.TopLevel"/> has an entry; a test fails when one is
/// missing or names a key that does not exist, so a new key cannot go undocumented.
/// </summary>
public static class ConfigKeyDocs
{
    /// <summary>Settings of a run: set in a file, with <c>--set</c>, or swept.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(
        // The optimizer's hyper-parameters describe themselves in their one declaration (OptimizerParameters).
        Optimizers.OptimizerParameters.All.Select(p => KeyValuePair.Create("train." + p.Name,
            p.Description + (p == Optimizers.OptimizerParameters.Momentum ? "" : " Empty: the optimizer's default.") + " Taken by: " + string.Join(", ", p.Optimizers) + ".")))
    {
        ["dataset.name"] = "The dataset: circles, xor, moons, spiral, blobs (toy options in parentheses: spiral(noise=0.2, train_size=2000)), mnist, fashion_mnist, or your own csv:PATH / csv:TRAIN.csv,TEST.csv. Written alone (dataset: mnist), it is short for this key.",
        ["dataset.features"] = "The network's inputs on the 2-D sets, as TensorFlow Playground's toggles: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2), in the order given. Empty: x1, x2.",
        ["dataset.path"] = "csv: the data file (what csv:PATH sets).",
        ["dataset.test_path"] = "csv: a separate test file with the same header (what csv:TRAIN.csv,TEST.csv sets). Empty: the test split is drawn from the data file.",
        ["dataset.label_column"] = "csv: the label (or target) column. Empty: the last column.",
        ["dataset.drop_columns"] = "csv: columns left out of the features (names, comma-separated or a list). Empty: none.",
        ["dataset.task"] = "csv: classification (text or integer labels) or regression (a numeric target, standardised). Empty: classification.",
        ["dataset.test_fraction"] = "csv with one file: the share of rows held out for testing, drawn with the base seed. Empty: 0.2.",
        ["dataset.train_subset"] = "Train on the first N samples of the training split only. Empty: all of them.",
        ["dataset.test_subset"] = "Test on the first N samples of the test split only. Empty: all of them.",
        ["dataset.noise"] = "Toy sets: the standard deviation of the Gaussian noise per coordinate. Empty: the set's own default.",
        ["dataset.train_size"] = "Toy sets: how many training points are generated. Empty: 1000.",
        ["dataset.test_size"] = "Toy sets: how many test points are generated. Empty: 500.",
        ["model.hidden"] = "The hidden layer widths; [] for none (a linear model).",
        ["model.activation"] = "The hidden layers' activation: a catalog name with parameters (leaky_relu(0.2)) or an expression in x (x*sigmoid(x)).",
        ["model.output"] = "The output activation, with its matching loss. auto: softmax for several classes, sigmoid for two, linear for regression.",
        ["model.norm"] = "Shorthand only: a normalization layer after each hidden dense layer, before its activation (batch, layer or none). Empty: none.",
        ["model.dropout"] = "Shorthand only: the rate of an inverted dropout layer after each hidden activation. Empty: 0 (no dropout).",
        ["model.layers"] = "The full form: the hidden layers in order, such as [dense(64), batch_norm, act, dropout(0.2)]; act is the activation being compared. Replaces hidden, norm and dropout.",
        ["model.init"] = "The weight initializer. auto: lecun_normal for selu, glorot_uniform otherwise. Biases start at zero.",
        ["train.epochs"] = "Training epochs.",
        ["train.batch_size"] = "Mini-batch size; the last partial batch is used.",
        ["train.optimizer"] = "The optimizer: " + string.Join(", ", Optimizers.OptimizerRegistry.Names) + " (docs/optimizers.md); Keras's defaults and update forms, PyTorch's on request (torch_epsilon, epsilon).",
        ["train.lr"] = "The learning rate.",
        ["train.schedule"] = "The learning rate per epoch from train.lr: " + string.Join(", ", Optimizers.LearningRateSchedule.Names) + ", with parameters in parentheses: step(step_size=5, gamma=0.5), cosine(warmup=2, min_lr=0.0001), one_cycle (docs/optimizers.md). Empty: constant.",
        ["train.validation_fraction"] = "The share of the training rows held out for validation (per class for a classification, drawn from each run's seed: the same rows for every variant of a seed). The best epoch is chosen on it and the run ends with that epoch's weights. Empty: 0 (none; the final epoch is reported); compare holds out 0.1.",
        ["train.monitor"] = "The validation metric that chooses the best epoch: val_loss (lowest) or val_accuracy (highest). Empty: val_loss.",
        ["train.early_stopping"] = "Stop once the monitored validation metric has not improved by more than min_delta for patience epochs (Keras's EarlyStopping; mode auto: max for val_accuracy, min for val_loss). on: monitor val_loss, patience 0, min_delta 0. Empty: off.",
        ["train.reduce_lr_on_plateau"] = "Multiply the learning rate by factor when the monitored validation metric has not improved by more than min_delta for patience epochs, then wait cooldown epochs; never below min_lr (Keras's ReduceLROnPlateau). on: factor 0.1, patience 10, min_delta 0.0001. Empty: off.",
        ["train.divergence_factor"] = "A run diverges when an epoch's mean training loss exceeds this multiple of its initial loss, as when the loss becomes NaN. 0 or off: NaN and infinity only.",
    };

    /// <summary>The top-level keys of a config file: the sections, and what is not a setting of a run.</summary>
    public static IReadOnlyDictionary<string, (string Expected, string Description)> TopLevel { get; } = new Dictionary<string, (string, string)>
    {
        ["name"] = ("a name", "The experiment's name; it names the default result folder."),
        ["description"] = ("a text", "What the experiment shows, in a sentence."),
        ["dataset"] = ("a dataset name, or a mapping of dataset.* keys", "The data (see the dataset.* keys)."),
        ["model"] = ("a mapping of model.* keys", "The network (see the model.* keys)."),
        ["train"] = ("a mapping of train.* keys", "The training (see the train.* keys)."),
        ["seed"] = ("a whole number >= 0", "The base seed: toy data and a CSV split are drawn from it, and with seeds: N run i of every variant uses seed + i."),
        ["seeds"] = ("a positive whole number, or a list of seeds", "How many seeds each variant trains with (seed, seed + 1, ...), or the seeds themselves: [1, 7, 9]."),
        ["sweep"] = ("a mapping of dotted key to a list or a generator", "The values to try per key; the runs are the full grid, first key outermost. Generators: logspace(a, b, n), linspace(a, b, n)."),
        ["expect"] = ("a mapping of variant label to metric ranges", "The published or measured range of a result per variant: relu: {test_accuracy: [0.95, 1.0]}. run --check exits 4 when a mean falls outside."),
        ["tune"] = ("a mapping: space, strategy, trials, eta, metric, seeds", "Search each variant's own settings on the validation split before comparing: space: {train.lr: logspace(1e-4, 1, 9)}; strategy grid, random (trials: N; loguniform(a, b) and uniform(a, b) are drawn) or halving (eta: 3); metric val_loss or val_accuracy. See docs/tuning.md."),
        ["tuned"] = ("a mapping of variant label to {dotted key: value}", "The setting each variant trains with: written by a search into the result folder's config.yaml (relu: {train.lr: 0.01}), or by hand for per-variant settings."),
        ["baseline"] = ("mlnet or none", "Also fit a reference model once per dataset: mlnet is ML.NET's multinomial logistic regression (row mlnet-logreg)."),
        ["report"] = ("a mapping: equivalence_margin", "How the report judges, changing no run. equivalence_margin (a number in (0, 1), default 0.005 = half a point of accuracy or R²): two variants whose difference is shown to lie within ±margin (TOST) are called equivalent. --set report.equivalence_margin=0.01 or --margin on compare and report."),
    };
}
