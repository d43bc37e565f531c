using ActRun.Core.Activations;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using static ActRun.Core.Experiments.ConfigKeys;

namespace ActRun.Core.Experiments;

/// <summary>
/// The <c>model.*</c> settings, one declaration each: the shorthand (hidden widths, norm, dropout), the full form
/// (layers) and the activation, output and initializer, the last two with an option of compare. The default is the one in <see cref="ModelConfig"/>.
/// </summary>
public static class ModelKeys
{
    public static ConfigKey Hidden { get; } = new("model.hidden", "a list of layer widths such as [64, 64]", "The hidden layer widths; [] for none (a linear model).",
        c => Widths(c.Model.Layers is { } l ? ModelSpec.Parse(l).DenseWidths : c.Model.Hidden), (c, n, o) => c.Model.Hidden = HiddenWidths(n, o));

    public static ConfigKey Norm { get; } = new("model.norm", "one of " + string.Join(", ", ModelSpec.Norms),
        "Shorthand only: a normalization layer after each hidden dense layer, before its activation (batch, layer or none). Empty: none.",
        c => c.Model.Norm, (c, n, o) => c.Model.Norm = OneOf(n, o, ModelSpec.Norms), Omitted: "none")
    {
        Option = new("--norm", "A normalization layer after each hidden dense layer, before its activation: batch, layer or none"),
    };

    public static ConfigKey Dropout { get; } = new("model.dropout", "a number in [0, 1)",
        "Shorthand only: the rate of an inverted dropout layer after each hidden activation. Empty: 0 (no dropout).",
        c => Num(c.Model.Dropout), (c, n, o) => c.Model.Dropout = Number(n, o, v => v is >= 0 and < 1, "a number in [0, 1)"), Omitted: "0")
    {
        Option = new("--dropout", "The rate of an inverted dropout layer after each hidden activation (0: none)"),
    };

    public static ConfigKey Layers { get; } = new("model.layers", "a list of layers such as [dense(64), batch_norm, act, dropout(0.2)]",
        "The full form: the hidden layers in order, such as [dense(64), batch_norm, act, dropout(0.2)]; act is the activation being compared. Replaces hidden, norm and dropout.",
        c => c.Model.Layers ?? "", (c, n, o) => c.Model.Layers = LayerList(n, o).ToString(), Omitted: "")
    {
        Option = new("--layers", "The hidden layers in full, such as \"[dense(256), batch_norm, act, dropout(0.2)]\"; act is the compared activation (replaces --hidden, --norm, --dropout)"),
    };

    public static ConfigKey Activation { get; } = new("model.activation", "an activation",
        "The hidden layers' activation: a catalog name with parameters (leaky_relu(0.2)) or an expression in x (x*sigmoid(x)).",
        c => c.Model.Activation, (c, n, o) => c.Model.Activation = Checked(o, () => ActivationRegistry.Create(Text(n, o, "an activation")).Spec.ToString()));

    public static ConfigKey Output { get; } = new("model.output", "one of " + string.Join(", ", OutputHead.Names),
        "The output activation, with its matching loss. auto: softmax for several classes, sigmoid for two, linear for regression.",
        c => c.Model.Output, (c, n, o) => c.Model.Output = OneOf(n, o, OutputHead.Names))
    {
        Option = new("--output-activation", "Output activation with its matching loss (tanh: binary): " + string.Join(", ", OutputHead.Names)),
    };

    public static ConfigKey Init { get; } = new("model.init", "auto or an initializer",
        "The weight initializer. auto: lecun_normal for selu, glorot_uniform otherwise. Biases start at zero.",
        c => c.Model.Init, (c, n, o) => c.Model.Init = OneOf(n, o, ["auto", .. InitializerRegistry.Names]))
    {
        Option = new("--init", "Weight initializer: auto (lecun_normal for selu, else glorot_uniform), " + string.Join(", ", InitializerRegistry.Names)),
    };

    /// <summary>The model keys in the order config.yaml and the config reference list them.</summary>
    public static IReadOnlyList<ConfigKey> All { get; } = [Hidden, Norm, Dropout, Layers, Activation, Output, Init];
}
