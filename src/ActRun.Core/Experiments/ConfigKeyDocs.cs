namespace ActRun.Core.Experiments;

/// <summary>
/// What each top-level key of a config file means, for the generated config reference (docs/config-reference.md).
/// Every key of <see cref="ConfigKeys.TopLevel"/> has an entry; a test fails when one is missing or names a key that
/// does not exist. The settings of a run describe themselves in their declarations (<see cref="ConfigKey.Description"/>).
/// </summary>
public static class ConfigKeyDocs
{
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
