using System.Globalization;

namespace ActRun.Core.Optimizers;

/// <summary>
/// One hyper-parameter of the optimizers, declared once: its name (in the optimizer's text, <c>adam(lr=0.001, beta2=0.99)</c>,
/// and as the config key <c>train.NAME</c>), which optimizers take it and with what default, its check and its description
/// (the config reference and docs/optimizers.md read it). A flag is 1 or 0 and prints as true or false.
/// </summary>
public sealed record OptimizerParameter(string Name, string Expected, Func<double, bool> Valid, IReadOnlyDictionary<string, double> Defaults,
    string Description, bool Flag = false)
{
    /// <summary>The optimizers that take this parameter, in registry order.</summary>
    public IReadOnlyList<string> Optimizers => OptimizerRegistry.Names.Where(Defaults.ContainsKey).ToList();

    public bool AppliesTo(string optimizer) => Defaults.ContainsKey(optimizer);

    public string Format(double value) => Flag ? (value != 0 ? "true" : "false") : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The value of a text (a number, or true/false for a flag); a <see cref="ConfigException"/> saying what was expected otherwise.</summary>
    public double ParseValue(string text)
    {
        text = text.Trim();
        if (Flag)
            return text.ToLowerInvariant() switch
            {
                "true" or "1" => 1,
                "false" or "0" => 0,
                _ => throw new ConfigException($"{Name}: expected {Expected}, got '{text}'."),
            };
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && Valid(v)
            ? v
            : throw new ConfigException($"{Name}: expected {Expected}, got '{text}'.");
    }
}

/// <summary>The table of optimizer hyper-parameters. Defaults follow Keras; docs/optimizers.md lists where PyTorch's differ.</summary>
public static class OptimizerParameters
{
    private static readonly string[] All6 = ["sgd", "adam", "adamw", "nadam", "rmsprop", "adagrad"];

    public static OptimizerParameter Momentum { get; } = new("momentum", "a number in [0, 1)", v => v is >= 0 and < 1, For(0, "sgd", "rmsprop"),
        "Momentum μ of sgd (v ← μ·v − lr·g; w ← w + v, Keras's form) and rmsprop; 0 is none.");
    public static OptimizerParameter Nesterov { get; } = new("nesterov", "true or false", _ => true, For(0, "sgd"),
        "sgd: Nesterov momentum (w ← w + μ·v − lr·g after the velocity update).", Flag: true);
    public static OptimizerParameter Beta1 { get; } = new("beta1", "a number in [0, 1)", v => v is >= 0 and < 1, For(0.9, "adam", "adamw", "nadam"),
        "Decay rate of the first-moment (mean) estimate of adam, adamw and nadam.");
    public static OptimizerParameter Beta2 { get; } = new("beta2", "a number in [0, 1)", v => v is >= 0 and < 1, For(0.999, "adam", "adamw", "nadam"),
        "Decay rate of the second-moment estimate of adam, adamw and nadam.");
    public static OptimizerParameter Rho { get; } = new("rho", "a number in [0, 1)", v => v is >= 0 and < 1, For(0.9, "rmsprop"),
        "rmsprop: decay rate of the mean square (Keras's rho 0.9; PyTorch calls it alpha, default 0.99).");
    public static OptimizerParameter Epsilon { get; } = new("epsilon", "a positive number", v => v > 0, For(1e-7, "adam", "adamw", "nadam", "rmsprop", "adagrad"),
        "The ε that keeps the denominator away from 0 (Keras's 1e-7; PyTorch's is 1e-8, adagrad 1e-10).");
    public static OptimizerParameter Amsgrad { get; } = new("amsgrad", "true or false", _ => true, For(0, "adam", "adamw"),
        "adam, adamw: AMSGrad, the running maximum of the second moment in the denominator.", Flag: true);
    public static OptimizerParameter Centered { get; } = new("centered", "true or false", _ => true, For(0, "rmsprop"),
        "rmsprop: divide by the estimated variance (mean square less the squared mean) instead of the mean square.", Flag: true);
    public static OptimizerParameter InitialAccumulator { get; } = new("initial_accumulator", "a number >= 0", v => v >= 0, For(0.1, "adagrad"),
        "adagrad: the starting value of the sum of squared gradients (Keras's 0.1; PyTorch's initial_accumulator_value is 0).");
    public static OptimizerParameter TorchEpsilon { get; } = new("torch_epsilon", "true or false", _ => true, For(0, "adam", "adamw", "rmsprop", "adagrad"),
        "Put ε where PyTorch does: adam/adamw add it to the bias-corrected √v̂ (Keras: to √v), rmsprop/adagrad outside the square root (Keras: inside).", Flag: true);
    public static OptimizerParameter WeightDecay { get; } = new("weight_decay", "a number >= 0", v => v >= 0,
        With(For(0, All6), "adamw", 0.004),
        "Weight decay λ: added to the gradient as λ·w (L2, PyTorch's weight_decay) for all but adamw, which decays decoupled, w ← w − lr·λ·w (Keras's default 0.004; PyTorch's 0.01). Biases and normalization parameters decay too, as in PyTorch's default.");
    public static OptimizerParameter ClipNorm { get; } = new("clip_norm", "a number >= 0", v => v >= 0, For(0, All6),
        "Clip the gradients by their global norm over all parameters (PyTorch's clip_grad_norm_, Keras's global_clipnorm): g ← g·c/(‖g‖ + 1e-6) when ‖g‖ > c. 0: off.");
    public static OptimizerParameter ClipValue { get; } = new("clip_value", "a number >= 0", v => v >= 0, For(0, All6),
        "Clip each gradient element to [−c, c] (Keras's clipvalue, PyTorch's clip_grad_value_). 0: off.");

    /// <summary>Every parameter, in the order they print.</summary>
    public static IReadOnlyList<OptimizerParameter> All { get; } =
        [Momentum, Nesterov, Beta1, Beta2, Rho, Epsilon, Amsgrad, Centered, InitialAccumulator, TorchEpsilon, WeightDecay, ClipNorm, ClipValue];

    public static OptimizerParameter? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>A plain loop rather than LINQ's ToDictionary, whose instantiation over double is compiled at start-up.</summary>
    private static Dictionary<string, double> For(double value, params string[] optimizers)
    {
        var defaults = new Dictionary<string, double>(optimizers.Length);
        foreach (string name in optimizers) defaults[name] = value;
        return defaults;
    }

    private static Dictionary<string, double> With(Dictionary<string, double> defaults, string optimizer, double value)
    {
        defaults[optimizer] = value;
        return defaults;
    }
}
