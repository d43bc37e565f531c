using ActRun.Core.Activations;
using static ActRun.Core.Tests.TestUtilities.ReferenceMath;

namespace ActRun.Core.Tests.Activations;

/// <summary>
/// Independent double-precision definitions of every activation, written from the PyTorch/Keras docs rather
/// than from the implementation, with the points where each is not differentiable.
/// </summary>
public static class ActivationReferences
{
    /// <summary>f(p, x), where p gives a parameter's value (the default unless the spec sets it).</summary>
    public sealed record Reference(Func<Func<string, double>, double, double> F, Func<Func<string, double>, double[]>? Kinks = null);

    private static readonly Func<Func<string, double>, double[]> AtZero = _ => [0];

    public static readonly IReadOnlyDictionary<string, Reference> ByName = new Dictionary<string, Reference>
    {
        ["linear"] = new((_, x) => x),
        ["relu"] = new(
            (p, x) => x > p("threshold") ? Math.Min(x, p("max_value")) : p("negative_slope") * (x - p("threshold")),
            p => [p("threshold"), p("max_value")]),
        ["leaky_relu"] = new((p, x) => x > 0 ? x : p("negative_slope") * x, AtZero),
        ["elu"] = new((p, x) => x > 0 ? x : p("alpha") * (Math.Exp(x) - 1), AtZero),
        ["selu"] = new((_, x) => 1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * (Math.Exp(x) - 1)), AtZero),
        ["tanh"] = new((_, x) => Math.Tanh(x)),
        ["sigmoid"] = new((_, x) => Sigmoid(x)),
        ["softplus"] = new(
            (p, x) => p("beta") * x > p("threshold") ? x : Softplus(p("beta") * x) / p("beta"),
            p => [p("threshold") / p("beta")]),
        ["softsign"] = new((_, x) => x / (1 + Math.Abs(x))),
        ["prelu"] = new((p, x) => x > 0 ? x : p("init") * x, AtZero),
        ["rrelu"] = new((p, x) => x >= 0 ? x : (p("lower") + p("upper")) / 2 * x, AtZero),
        ["celu"] = new((p, x) => x > 0 ? x : p("alpha") * (Math.Exp(x / p("alpha")) - 1), AtZero),
        ["gelu"] = new((p, x) => p("approximate") != 0
            ? x * Sigmoid(2 * Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)) // = x/2 (1 + tanh(u)), without cancelling
            : x * NormalCdf(x)),
        ["silu"] = new((_, x) => x * Sigmoid(x)),
        ["mish"] = new((_, x) => x * Math.Tanh(Softplus(x))),
        ["hard_tanh"] = new((p, x) => Math.Clamp(x, p("min_val"), p("max_val")), p => [p("min_val"), p("max_val")]),
        ["relu6"] = new((_, x) => Math.Clamp(x, 0, 6), _ => [0, 6]),
        ["hard_sigmoid"] = new((_, x) => Math.Clamp(x + 3, 0, 6) / 6, _ => [-3, 3]),
        ["hard_swish"] = new((_, x) => x * Math.Clamp(x + 3, 0, 6) / 6, _ => [-3, 3]),
        ["log_sigmoid"] = new((_, x) => -Softplus(-x)),
        ["tanh_shrink"] = new((_, x) => x - Math.Tanh(x)),
        ["soft_shrink"] = new((p, x) => Math.Sign(x) * Math.Max(Math.Abs(x) - p("lambda"), 0), p => [-p("lambda"), p("lambda")]),
        ["hard_shrink"] = new((p, x) => Math.Abs(x) > p("lambda") ? x : 0, p => [-p("lambda"), p("lambda")]),
        ["threshold"] = new((p, x) => x > p("threshold") ? x : p("value"), p => [p("threshold")]),
        ["exponential"] = new((_, x) => Math.Exp(x)),
        ["squareplus"] = new((p, x) => (x + Math.Sqrt(x * x + p("b"))) / 2),
        ["sparse_plus"] = new((_, x) => x <= -1 ? 0 : x >= 1 ? x : (x + 1) * (x + 1) / 4, _ => [-1, 1]),
        ["sparse_sigmoid"] = new((_, x) => Math.Clamp((x + 1) / 2, 0, 1), _ => [-1, 1]),
    };

    /// <summary>The value of parameter <paramref name="name"/> for a spec: its own, or the registry default.</summary>
    public static double ParameterValue(ActivationSpec spec, string name)
    {
        foreach (var (key, value) in spec.Parameters)
            if (key == name) return value;
        var parameter = ActivationRegistry.Find(spec.Name)!.FindParameter(name)
            ?? throw new ArgumentException($"{spec.Name} has no parameter {name}");
        return parameter.Default;
    }
}
