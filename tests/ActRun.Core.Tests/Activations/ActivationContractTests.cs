using ActRun.Core.Activations;

namespace ActRun.Core.Tests.Activations;

/// <summary>
/// The one contract every registered activation meets: matches its reference, its derivative matches finite
/// differences, its label round-trips, NaN propagates; its vector paths give the scalar path's bits
/// (<see cref="ActivationWidthTests"/>).
/// A new registry entry is covered here without writing a test (and fails until it has a reference).
/// </summary>
public class ActivationContractTests
{
    /// <summary>Non-default settings, so that parameters are exercised too.</summary>
    private static readonly string[] ExtraSpecs =
    [
        "leaky_relu(0.2)", "elu(alpha=0.5)", "softplus(beta=2, threshold=10)",
        "relu(negative_slope=0.1, max_value=6, threshold=1)", "prelu(init=0.1)", "rrelu(lower=0.1, upper=0.2)",
        "celu(alpha=2)", "gelu(approximate=true)", "hard_tanh(min_val=-2, max_val=0.5)", "soft_shrink(lambda=1)",
        "hard_shrink(0.25)", "threshold(threshold=0.5, value=-1)", "squareplus(b=1)",
    ];

    public static TheoryData<string> Specs()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ActivationRegistry.Entries) data.Add(entry.Name);
        foreach (var spec in ExtraSpecs) data.Add(spec);
        return data;
    }

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var entry in ActivationRegistry.Entries) data.Add(entry.Name);
        return data;
    }

    /// <summary>Points from -50 to 50, dense near 0, plus tiny values; all exactly representable as floats.</summary>
    private static readonly double[] Points =
    [
        .. new double[] { -50, -30, -20, -15, -10, 10, 15, 20, 30, 50, -1e-3, 1e-3, -1e-6, 1e-6 },
        .. Enumerable.Range(-80, 161).Select(i => i * 0.0937),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_registered_activation_has_a_reference(string name) =>
        Assert.True(ActivationReferences.ByName.ContainsKey(name), $"Add a reference for '{name}' to ActivationReferences.");

    [Theory]
    [MemberData(nameof(Specs))]
    public void Value_matches_the_double_precision_reference(string text)
    {
        var activation = ActivationRegistry.Create(text);
        var (f, _) = Reference(activation.Spec);
        foreach (double point in Points)
        {
            float x = (float)point;
            double expected = f(x);
            float actual = activation.Value(x);
            Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected) + 1e-7,
                $"{text}({x:R}) = {actual:R}, reference {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Derivative_matches_central_differences_of_the_reference_away_from_kinks(string text)
    {
        var activation = ActivationRegistry.Create(text);
        var (f, kinks) = Reference(activation.Spec);
        foreach (double point in Points)
        {
            double x = (float)point;
            if (kinks.Any(k => Math.Abs(x - k) < 1e-3)) continue;
            double h = 1e-6 * Math.Max(1, Math.Abs(x));
            double expected = (f(x + h) - f(x - h)) / (2 * h);
            float actual = activation.Derivative((float)x, activation.Value((float)x));
            Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected) + 1e-6,
                $"{text}'({x:R}) = {actual:R}, central difference {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void Label_round_trips_through_parse_and_create(string text)
    {
        var spec = ActivationRegistry.Create(text).Spec;
        string label = spec.ToString();

        Assert.Equal(spec, ActivationSpec.Parse(label));
        Assert.Equal(spec, ActivationRegistry.Create(label).Spec);
        Assert.Equal(label, ActivationRegistry.Create(label).ToString());
    }

    [Theory]
    [MemberData(nameof(Specs))]
    public void NaN_in_gives_NaN_out_on_both_paths(string text)
    {
        var activation = ActivationRegistry.Create(text);
        var z = Enumerable.Range(0, 33).Select(i => i % 3 == 0 ? float.NaN : i - 16f).ToArray();
        var a = new float[z.Length];
        activation.Forward(z, a, z.Length, ActivationContext.Evaluation);

        Assert.True(float.IsNaN(activation.Value(float.NaN)));
        for (int i = 0; i < z.Length; i += 3) Assert.True(float.IsNaN(a[i]), $"{text}: element {i} of the block");
    }

    /// <summary>MaxDerivative in the table is the supremum of |f'|: reached (within 0.1%) and never exceeded on a fine grid.</summary>
    [Theory]
    [MemberData(nameof(Names))]
    public void Max_derivative_in_the_table_is_the_supremum_on_a_fine_grid(string name)
    {
        var entry = ActivationRegistry.Find(name)!;
        var activation = ActivationRegistry.Create(name);
        double max = 0;
        for (int i = -60_000; i <= 60_000; i++)
        {
            float x = i * 1e-3f;
            max = Math.Max(max, Math.Abs(activation.Derivative(x, activation.Value(x))));
        }
        if (entry.MaxDerivative is double expected)
            Assert.InRange(max, expected * (1 - 1e-3), expected * (1 + 1e-5) + 1e-6);
        else
            Assert.True(max > 1e6, $"{name}: the table says the derivative is unbounded, but it stays below {max}");
    }

    private static (Func<double, double> F, double[] Kinks) Reference(ActivationSpec spec)
    {
        var reference = ActivationReferences.ByName[spec.Name];
        Func<string, double> p = name => ActivationReferences.ParameterValue(spec, name);
        return (x => reference.F(p, x), reference.Kinks?.Invoke(p) ?? []);
    }
}
