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
        ["relu"] = new((_, x) => Math.Max(x, 0), AtZero),
        ["leaky_relu"] = new((p, x) => x > 0 ? x : p("negative_slope") * x, AtZero),
        ["elu"] = new((p, x) => x > 0 ? x : p("alpha") * (Math.Exp(x) - 1), AtZero),
        ["selu"] = new((_, x) => 1.0507009873554804934 * (x > 0 ? x : 1.6732632423543772848 * (Math.Exp(x) - 1)), AtZero),
        ["tanh"] = new((_, x) => Math.Tanh(x)),
        ["sigmoid"] = new((_, x) => Sigmoid(x)),
        ["softplus"] = new(
            (p, x) => p("beta") * x > p("threshold") ? x : Softplus(p("beta") * x) / p("beta"),
            p => [p("threshold") / p("beta")]),
        ["softsign"] = new((_, x) => x / (1 + Math.Abs(x))),
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
