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
    KeySetter Set, string? Omitted = null)
{
    /// <summary>
    /// A key whose description is put together from other declarations (the optimizers that take a parameter, the
    /// default the toy sets share): made when first read, so that declaring the keys, which <c>compare --help</c> does
    /// at start-up, does not load those tables.
    /// </summary>
    public ConfigKey(string Path, string Expected, Func<string> Describe, Func<ExperimentConfig, string> Get,
        KeySetter Set, string? Omitted = null)
        : this(Path, Expected, "", Get, Set, Omitted) => _describe = Describe;

    private Func<string>? _describe;

    public string Description
    {
        get
        {
            // Two threads may both describe the key: they write the same text.
            if (_describe is { } describe)
            {
                field = describe();
                _describe = null;
            }
            return field;
        }
        init;
    } = Description;

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

/// <summary>
/// Checks a YAML value and stores it in the config (<see cref="ConfigKey.Set"/>). A delegate type of its own rather
/// than an <c>Action</c> over <see cref="YamlNode"/>: declaring the keys then does not load YamlDotNet, which
/// <c>compare --help</c> never needs.
/// </summary>
public delegate void KeySetter(ExperimentConfig config, YamlNode value, ConfigOrigin origin);
