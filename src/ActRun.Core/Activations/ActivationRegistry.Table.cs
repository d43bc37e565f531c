namespace ActRun.Core.Activations;

public static partial class ActivationRegistry
{
    private const ActivationUse Hidden = ActivationUse.Hidden;

    /// <summary>
    /// The catalog. Names match case-insensitively, so PyTorch class names (ReLU, ELU, Tanh) need an alias
    /// only when they differ by more than case (LeakyReLU, Hardtanh). To add an activation: write its class (scalar and vector formulas side by side), add one
    /// entry here, and add its double-precision reference to the contract test.
    /// </summary>
    public static IReadOnlyList<ActivationEntry> Entries { get; } =
    [
        new()
        {
            Name = "linear", Aliases = ["identity", "none"],
            Formula = "x", Range = "(-inf, inf)", MaxDerivative = 1, ZeroCentred = true,
            TypicalUse = ActivationUse.OutputRegression,
            Factory = _ => new Linear(),
        },
        new()
        {
            Name = "relu",
            Formula = "max(x, 0)", Range = "[0, inf)", MaxDerivative = 1, ZeroCentred = false, TypicalUse = Hidden,
            Factory = _ => new Relu(),
        },
        new()
        {
            Name = "leaky_relu", Aliases = ["LeakyReLU"],
            Parameters = [new("negative_slope", 0.01, "slope for x < 0") { Aliases = ["alpha"], Min = 0 }],
            Formula = "x if x > 0, else negative_slope * x", Range = "(-inf, inf)", MaxDerivative = 1,
            ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "negative_slope defaults to 0.01 as in PyTorch; Keras defaults to 0.2.",
            Factory = a => new LeakyRelu(a.Spec, a.Float("negative_slope")),
        },
        new()
        {
            Name = "elu",
            Parameters = [new("alpha", 1, "value approached as x -> -inf is -alpha") { Min = 0, MinExclusive = true }],
            Formula = "x if x > 0, else alpha * (exp(x) - 1)", Range = "(-alpha, inf)", MaxDerivative = 1,
            ZeroCentred = true, TypicalUse = Hidden,
            Factory = a => new Elu(a.Spec, a.Float("alpha")),
        },
        new()
        {
            Name = "selu",
            Formula = "scale * (x if x > 0, else alpha * (exp(x) - 1)), alpha = 1.6733, scale = 1.0507",
            Range = "(-1.7581, inf)", MaxDerivative = Selu.Scale * Selu.Alpha, ZeroCentred = true, TypicalUse = Hidden,
            PreferredInitializer = "lecun_normal",
            Factory = a => new Selu(a.Spec),
        },
        new()
        {
            Name = "tanh",
            Formula = "(exp(x) - exp(-x)) / (exp(x) + exp(-x))", Range = "(-1, 1)", MaxDerivative = 1,
            ZeroCentred = true, TypicalUse = Hidden,
            Factory = a => new Tanh(a.Spec),
        },
        new()
        {
            Name = "sigmoid", Aliases = ["logistic"],
            Formula = "1 / (1 + exp(-x))", Range = "(0, 1)", MaxDerivative = 0.25, ZeroCentred = false,
            TypicalUse = ActivationUse.OutputBinary | ActivationUse.OutputMultiLabel | Hidden,
            Factory = a => new Sigmoid(a.Spec),
        },
        new()
        {
            Name = "softplus",
            Parameters =
            [
                new("beta", 1, "sharpness: log(1 + exp(beta * x)) / beta") { Min = 0, MinExclusive = true },
                new("threshold", 20, "above beta * x > threshold the output is x") { Min = 0, MinExclusive = true },
            ],
            Formula = "log(1 + exp(beta * x)) / beta, x where beta * x > threshold", Range = "(0, inf)",
            MaxDerivative = 1, ZeroCentred = false, TypicalUse = Hidden | ActivationUse.OutputRegression,
            FrameworkNote = "beta and threshold as in PyTorch; Keras softplus is log(exp(x) + 1) with no parameters (beta=1, no linear cut-over).",
            Factory = a => new Softplus(a.Spec, a.Float("beta"), a.Float("threshold")),
        },
        new()
        {
            Name = "softsign",
            Formula = "x / (1 + |x|)", Range = "(-1, 1)", MaxDerivative = 1, ZeroCentred = true, TypicalUse = Hidden,
            Factory = a => new Softsign(a.Spec),
        },
    ];
}
