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
            Parameters =
            [
                new("negative_slope", 0, "slope below the threshold") { Min = 0 },
                new("max_value", double.PositiveInfinity, "saturation value (inf: none)") { Min = 0, MinExclusive = true },
                // Keras allows a negative threshold but then clips (threshold, 0) to 0; requiring >= 0 keeps one formula.
                new("threshold", 0, "inputs at or below it are cut") { Min = 0 },
            ],
            Formula = "max_value if x >= max_value, x if x > threshold, else negative_slope * (x - threshold)",
            Range = "[0, inf)", MaxDerivative = 1, ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "Parameters as Keras relu; PyTorch ReLU has none.",
            Factory = a => a["max_value"] > a["threshold"]
                ? new Relu(a.Spec, a.Float("negative_slope"), a.Float("max_value"), a.Float("threshold"))
                : throw a.Invalid("max_value must be greater than threshold"),
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
        new()
        {
            Name = "prelu",
            Parameters = [new("init", 0.25, "initial value of each unit's learned slope for x < 0") { Min = 0 }],
            Formula = "x if x > 0, else w_c * x, w_c learned per unit", Range = "(-inf, inf)", MaxDerivative = 1,
            ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "One slope per unit as Keras PReLU (which initialises it to 0); PyTorch PReLU shares one slope (num_parameters=1) initialised to 0.25.",
            Factory = a => new Prelu(a.Spec, a.Float("init")),
        },
        new()
        {
            Name = "rrelu",
            Parameters =
            [
                new("lower", 1.0 / 8, "lower bound of the random slope") { Min = 0 },
                new("upper", 1.0 / 3, "upper bound of the random slope") { Min = 0 },
            ],
            Formula = "x if x >= 0, else r * x; r ~ U(lower, upper) while training, (lower + upper) / 2 at evaluation",
            Range = "(-inf, inf)", MaxDerivative = 1, ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "PyTorch only (Keras has none).",
            Factory = a => a["lower"] <= a["upper"]
                ? new Rrelu(a.Spec, a.Float("lower"), a.Float("upper"))
                : throw a.Invalid("lower must not exceed upper"),
        },
        new()
        {
            Name = "celu",
            Parameters = [new("alpha", 1, "value approached as x -> -inf is -alpha") { Min = 0, MinExclusive = true }],
            Formula = "max(0, x) + min(0, alpha * (exp(x / alpha) - 1))", Range = "(-alpha, inf)", MaxDerivative = 1,
            ZeroCentred = true, TypicalUse = Hidden,
            Factory = a => new Celu(a.Spec, a.Float("alpha")),
        },
        new()
        {
            Name = "gelu",
            Parameters = [new("approximate", 0, "use the tanh approximation") { IsBoolean = true }],
            Formula = "x * Phi(x) = x / 2 * (1 + erf(x / sqrt(2))); tanh form: x / 2 * (1 + tanh(sqrt(2 / pi) * (x + 0.044715 x^3)))",
            Range = "[-0.17, inf)", MaxDerivative = 1.1289041450535109, ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "Exact (erf) form by default as PyTorch (approximate='none'); Keras defaults to approximate=True.",
            Factory = a => new Gelu(a.Spec, a.Bool("approximate")),
        },
        new()
        {
            Name = "silu", Aliases = ["swish"],
            Formula = "x * sigmoid(x)", Range = "[-0.28, inf)", MaxDerivative = 1.099839320284346, ZeroCentred = false,
            TypicalUse = Hidden,
            Factory = a => new Silu(a.Spec),
        },
        new()
        {
            Name = "mish",
            Formula = "x * tanh(softplus(x))", Range = "[-0.31, inf)", MaxDerivative = 1.0884981610503885, ZeroCentred = false,
            TypicalUse = Hidden,
            Factory = a => new Mish(a.Spec),
        },
        new()
        {
            Name = "hard_tanh", Aliases = ["Hardtanh"],
            Parameters = [new("min_val", -1, "lower clamp"), new("max_val", 1, "upper clamp")],
            Formula = "clamp(x, min_val, max_val)", Range = "[min_val, max_val]", MaxDerivative = 1, ZeroCentred = true,
            TypicalUse = Hidden,
            FrameworkNote = "min_val and max_val as PyTorch; Keras hard_tanh is fixed to [-1, 1].",
            Factory = a => a["min_val"] < a["max_val"]
                ? new HardTanh(a.Spec, a.Float("min_val"), a.Float("max_val"))
                : throw a.Invalid("min_val must be less than max_val"),
        },
        new()
        {
            Name = "relu6",
            Formula = "min(max(x, 0), 6)", Range = "[0, 6]", MaxDerivative = 1, ZeroCentred = false, TypicalUse = Hidden,
            Factory = a => new Relu6(a.Spec),
        },
        new()
        {
            Name = "hard_sigmoid", Aliases = ["Hardsigmoid"],
            Formula = "relu6(x + 3) / 6", Range = "[0, 1]", MaxDerivative = 1.0 / 6, ZeroCentred = false,
            TypicalUse = Hidden | ActivationUse.OutputBinary,
            FrameworkNote = "relu6(x + 3) / 6 as PyTorch and Keras 3; Keras 2 used clip(0.2 x + 0.5, 0, 1).",
            Factory = a => new HardSigmoid(a.Spec),
        },
        new()
        {
            Name = "hard_swish", Aliases = ["hard_silu", "Hardswish"],
            Formula = "x * relu6(x + 3) / 6", Range = "[-0.375, inf)", MaxDerivative = 1.5, ZeroCentred = false,
            TypicalUse = Hidden,
            Factory = a => new HardSwish(a.Spec),
        },
        new()
        {
            Name = "log_sigmoid", Aliases = ["LogSigmoid"],
            Formula = "log(sigmoid(x)) = -softplus(-x)", Range = "(-inf, 0)", MaxDerivative = 1, ZeroCentred = false,
            TypicalUse = Hidden,
            Factory = a => new LogSigmoid(a.Spec),
        },
        new()
        {
            Name = "tanh_shrink", Aliases = ["Tanhshrink"],
            Formula = "x - tanh(x)", Range = "(-inf, inf)", MaxDerivative = 1, ZeroCentred = true, TypicalUse = Hidden,
            Factory = a => new TanhShrink(a.Spec),
        },
        new()
        {
            Name = "soft_shrink", Aliases = ["Softshrink"],
            Parameters = [new("lambda", 0.5, "half-width of the band mapped to 0") { Aliases = ["lambd", "threshold"], Min = 0 }],
            Formula = "x - lambda if x > lambda, x + lambda if x < -lambda, else 0", Range = "(-inf, inf)",
            MaxDerivative = 1, ZeroCentred = true, TypicalUse = Hidden,
            FrameworkNote = "PyTorch calls the parameter lambd, Keras threshold; both are accepted.",
            Factory = a => new SoftShrink(a.Spec, a.Float("lambda")),
        },
        new()
        {
            Name = "hard_shrink", Aliases = ["Hardshrink"],
            Parameters = [new("lambda", 0.5, "half-width of the band mapped to 0") { Aliases = ["lambd", "threshold"], Min = 0 }],
            Formula = "x if |x| > lambda, else 0", Range = "(-inf, inf)", MaxDerivative = 1, ZeroCentred = true,
            TypicalUse = Hidden,
            FrameworkNote = "PyTorch calls the parameter lambd, Keras threshold; both are accepted.",
            Factory = a => new HardShrink(a.Spec, a.Float("lambda")),
        },
        new()
        {
            Name = "threshold",
            Parameters =
            [
                new("threshold", 0, "inputs at or below it are replaced"),
                new("value", 0, "the replacement") { Aliases = ["default_value"] },
            ],
            Formula = "x if x > threshold, else value", Range = "{value} or (threshold, inf)", MaxDerivative = 1,
            ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "PyTorch Threshold has no defaults (both required) and Keras calls value default_value; defaults here make it relu.",
            Factory = a => new Threshold(a.Spec, a.Float("threshold"), a.Float("value")),
        },
        new()
        {
            Name = "exponential",
            Formula = "exp(x)", Range = "(0, inf)", MaxDerivative = null, ZeroCentred = false,
            TypicalUse = ActivationUse.OutputRegression,
            FrameworkNote = "Keras only.",
            Factory = a => new Exponential(a.Spec),
        },
        new()
        {
            Name = "squareplus",
            Parameters = [new("b", 4, "smoothness at 0: squareplus(0) = sqrt(b) / 2") { Min = 0 }],
            Formula = "(x + sqrt(x^2 + b)) / 2", Range = "(0, inf)", MaxDerivative = 1, ZeroCentred = false,
            TypicalUse = Hidden,
            FrameworkNote = "Keras only.",
            Factory = a => new Squareplus(a.Spec, a.Float("b")),
        },
        new()
        {
            Name = "sparse_plus",
            Formula = "0 if x <= -1, (x + 1)^2 / 4 if -1 < x < 1, x if x >= 1", Range = "[0, inf)", MaxDerivative = 1,
            ZeroCentred = false, TypicalUse = Hidden,
            FrameworkNote = "Keras only.",
            Factory = a => new SparsePlus(a.Spec),
        },
        new()
        {
            Name = "sparse_sigmoid",
            Formula = "clamp((x + 1) / 2, 0, 1)", Range = "[0, 1]", MaxDerivative = 0.5, ZeroCentred = false,
            TypicalUse = Hidden | ActivationUse.OutputBinary,
            FrameworkNote = "Keras only.",
            Factory = a => new SparseSigmoid(a.Spec),
        },
    ];
}
