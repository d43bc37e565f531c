using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>
/// A setting of a run, declared once: its dotted key, the value it takes (<see cref="Expected"/>, checked by
/// <see cref="Set"/>), what it means (<see cref="Description"/>, the config reference's text) and, when it has one,
/// its own command-line option (<see cref="Option"/>). A config file, <c>--set</c>, <c>--sweep</c>, the option and
/// the generated references all go through this one entry. <see cref="Set"/> validates a YAML value and stores it
/// (canonicalised: activation aliases, dataset aliases); <see cref="Get"/> prints the stored value as the text that
/// goes into CSV columns and parses back to the same value.
/// </summary>
/// <remarks><see cref="Omitted"/>: a value that config.yaml leaves out (the key's default, for keys that older configs lack).</remarks>
public sealed record ConfigKey(string Path, string Expected, string Description, Func<ExperimentConfig, string> Get,
    Action<ExperimentConfig, YamlNode, ConfigOrigin> Set, string? Omitted = null)
{
    /// <summary>The command-line option that sets this key (<c>--epochs</c>, as <c>--set train.epochs=</c>), or null for none.</summary>
    public KeyOption? Option { get; init; }

    /// <summary>
    /// The key column in the result files (and the name in variant labels): the key's last segment (<c>train.lr</c> →
    /// <c>lr</c>), except <c>train_epochs</c>, as <c>epochs</c> is already a column of runs.csv and summary.csv.
    /// </summary>
    public string Column => Path[(Path.LastIndexOf('.') + 1)..] switch
    {
        "name" when Path == "dataset.name" => "dataset",
        "epochs" when Path == "train.epochs" => "train_epochs",
        var s => s,
    };

    /// <summary>The key's value in a config with nothing set: the default the config reference shows.</summary>
    public string Default => Get(new ExperimentConfig());
}

/// <summary>A key's own command-line option: its name and its help (a command adds where its default comes from).</summary>
public sealed record KeyOption(string Name, string Help);
