using ActRun.Core.Activations;
using ActRun.Core.Activations.Custom;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Activations.Custom;

public class CustomActivationTests
{
    [Theory]
    [InlineData("sigmoid(x)", 0f, 0.5f)]
    [InlineData("sigmoid(x)", 50f, 1f)]
    [InlineData("sigmoid(x)", -50f, 1.9287498e-22f)]  // the stable form keeps the tail instead of 0
    [InlineData("softplus(x)", 0f, 0.6931472f)]
    [InlineData("softplus(x)", 50f, 50f)]             // no overflow of exp(50)
    [InlineData("softplus(x)", -50f, 1.9287498e-22f)]
    [InlineData("softplus(x)", 1000f, 1000f)]
    [InlineData("tanh(x)", 20f, 1f)]
    [InlineData("relu(x)", -3f, 0f)]
    [InlineData("relu(x)", 3f, 3f)]
    [InlineData("sign(x)", -2f, -1f)]
    [InlineData("sign(x)", 0f, 0f)]
    [InlineData("abs(x)", -2f, 2f)]
    [InlineData("erf(x)", 0.5f, 0.52049988f)]
    [InlineData("exp(x)", 1f, 2.7182817f)]
    [InlineData("log(x)", 2.7182817f, 1f)]
    [InlineData("pow(x, 0.5)", 4f, 2f)]
    [InlineData("min(x, 1)", 3f, 1f)]
    [InlineData("max(x, 1)", 3f, 3f)]
    [InlineData("x*sigmoid(1.5*x)", 2f, 1.9051483f)]
    public void Functions_have_their_known_values(string text, float x, float expected)
    {
        float actual = CustomActivation.Parse(text).Value(x);

        Assert.True(Math.Abs(actual - expected) <= 2e-7 * Math.Abs(expected), $"{text} at {x}: {actual:R}, expected {expected:R}");
    }

    /// <summary>Expressions that misbehave somewhere, with their value and derivative written by hand in double.</summary>
    private static readonly Dictionary<string, (Func<double, double> F, Func<double, double> D)> Bad = new()
    {
        ["x^2"] = (x => x * x, x => 2 * x),
        ["sign(x)*sqrt(abs(x))"] = (x => x > 0 ? Math.Sqrt(x) : x < 0 ? -Math.Sqrt(-x) : x, x => 1 / (2 * Math.Sqrt(Math.Abs(x)))),
        ["log(x)"] = (Math.Log, x => 1 / x),
        ["pow(x, 0.5)"] = (x => Math.Pow(x, 0.5), x => 0.5 / Math.Sqrt(x)),
        ["sqrt(x)"] = (Math.Sqrt, x => 0.5 / Math.Sqrt(x)),
        ["1/x"] = (x => 1 / x, x => -1 / (x * x)),
        ["x^x"] = (x => Math.Pow(x, x), x => Math.Pow(x, x) * (Math.Log(x) + 1)),
        ["exp(exp(x))"] = (x => Math.Exp(Math.Exp(x)), x => Math.Exp(Math.Exp(x) + x)),
        ["x^-2"] = (x => 1 / (x * x), x => -2 / (x * x * x)),
        ["log(abs(x))"] = (x => Math.Log(Math.Abs(x)), x => 1 / x),
    };

    public static TheoryData<string> BadExpressions() => new(Bad.Keys);

    /// <summary>
    /// Expressions that overflow, divide by zero or leave their domain evaluate without throwing and give the IEEE
    /// answer: NaN where the formula is undefined, the right infinity where it overflows, the float of the double
    /// value elsewhere (at infinite inputs NaN is also accepted). The derivative agrees with the hand-written one
    /// wherever that is finite in double (at finite inputs; overflowing to the float infinity); elsewhere it is NaN,
    /// infinite or 0, which training reports or ignores.
    /// </summary>
    [Theory]
    [MemberData(nameof(BadExpressions))]
    public void Bad_activations_give_the_ieee_values_without_throwing(string text)
    {
        var activation = CustomActivation.Parse(text);
        var (f, d) = Bad[text];
        float[] inputs = [0f, -0f, 1f, -1f, 0.3f, -2.5f, 20f, -20f, 50f, -50f, 1e-30f, float.MaxValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN];

        foreach (float x in inputs)
        {
            float y = activation.Value(x);
            // An infinite input only follows a divergence: there NaN is as good as the IEEE limit (pow(−inf, 0.5) is +inf
            // in IEEE 754, NaN in a pow built from exp and log).
            if (!(float.IsInfinity(x) && float.IsNaN(y))) AssertSameFloat((float)f(x), y, $"{text} at {x:R}");
            float derivative = activation.Derivative(x, y);
            double expected = d(x);
            if (double.IsFinite(expected) && float.IsFinite(x))
                AssertSameFloat((float)expected, derivative, $"{text}' at {x:R}");
            else
                Assert.False(float.IsFinite(derivative) && derivative != 0, $"{text}' at {x:R}: {derivative:R} where the derivative is {expected:R}");
        }
    }

    /// <summary>Equal as IEEE values (NaN to NaN, the same infinity), finite ones within 2e-7 relative.</summary>
    private static void AssertSameFloat(float expected, float actual, string what)
    {
        if (float.IsNaN(expected) || !float.IsFinite(expected)) Assert.True(expected.Equals(actual), $"{what}: {actual:R}, expected {expected:R}");
        else Assert.True(Math.Abs(actual - expected) <= 2e-7 * Math.Abs(expected), $"{what}: {actual:R}, expected {expected:R}");
    }

    [Fact]
    public void Sigmoid_derivative_keeps_its_tail_at_large_inputs()
    {
        // sigmoid'(40) = e^-40 / (1 + e^-40)^2; computing 1 - sigmoid(40) in double would give exactly 0.
        float derivative = CustomActivation.Parse("sigmoid(x)").Derivative(40f, 1f);

        Assert.Equal(4.248354255291589e-18, derivative, 1e-24);
    }

    [Fact]
    public void Log_of_a_negative_input_is_nan_rather_than_an_exception()
    {
        var activation = CustomActivation.Parse("log(x)");

        Assert.True(float.IsNaN(activation.Value(-1f)));
        Assert.Equal(float.NegativeInfinity, activation.Value(0f));
    }

    [Theory]
    [InlineData("relu(x)")]
    [InlineData("sign(x)")]
    [InlineData("x*sigmoid(1.5*x)")]
    public void Nan_in_gives_nan_out(string text)
    {
        Assert.True(float.IsNaN(CustomActivation.Parse(text).Value(float.NaN)));
    }

    [Fact]
    public void Spec_name_is_the_canonical_text_and_there_are_no_parameters()
    {
        var activation = CustomActivation.Parse(" x * sigmoid(1.5 * x) ");

        Assert.Equal("x*sigmoid(1.5*x)", activation.Spec.Name);
        Assert.Empty(activation.Spec.Parameters);
        Assert.Equal("x*sigmoid(1.5*x)", activation.ToString());
    }

    [Fact]
    public void Label_parses_back_to_an_equal_spec()
    {
        var activation = CustomActivation.Parse("max(x,0.01*x)");

        var again = CustomActivation.Parse(activation.ToString());

        Assert.Equal(activation.Spec, again.Spec);
    }

    [Fact]
    public void Only_the_bare_variable_is_the_identity()
    {
        Assert.True(CustomActivation.Parse("(x)").IsIdentity);
        Assert.False(CustomActivation.Parse("1*x").IsIdentity);
    }

    [Theory]
    [InlineData("x", true)]
    [InlineData("x*sigmoid(1.5*x)", true)]
    [InlineData("relu(x)", true)]
    [InlineData("max(x, 0)", true)]
    [InlineData("2*e", true)]
    [InlineData("-1", true)]
    [InlineData("relu", false)]
    [InlineData("gelu", false)]
    [InlineData("exp", false)]
    [InlineData("leaky_relu(negative_slope=0.2)", false)]
    [InlineData("elu(alpha=-1)", false)]          // the minus is inside a parameter
    [InlineData("softplus(beta=2, threshold=20)", false)]
    [InlineData("1E-3*x", true)]
    [InlineData("1E-3*sigmoid(2)", true)]        // no x, but only known names: a (constant) expression
    [InlineData("leaky-relu", false)]             // a misspelt name: the registry's suggestion helps more
    [InlineData("xielu", false)]                  // x inside a name is not the variable
    [InlineData("max_x", false)]
    public void Looks_like_expression_tells_expressions_from_registry_names(string text, bool expected)
    {
        Assert.Equal(expected, CustomActivation.LooksLikeExpression(text));
    }

    /// <summary>
    /// The block methods (what layers call) against the formula written by hand in double:
    /// f = x σ(1.5x) + 0.1 sin x, f' = σ(1.5x) + 1.5x σ(1.5x)(1 − σ(1.5x)) + 0.1 cos x.
    /// </summary>
    [Fact]
    public void Block_paths_match_the_hand_written_formula()
    {
        var activation = CustomActivation.Parse("x*sigmoid(1.5*x)+0.1*sin(x)");
        float[] z = Enumerable.Range(0, 37).Select(i => (i - 18) * 0.7f).ToArray();
        float[] da = z.Select(v => 0.5f - v * 0.01f).ToArray();
        var a = new float[z.Length];
        var dz = new float[z.Length];

        activation.Forward(z, a, columns: 37, ActivationContext.Evaluation);
        activation.Backward(z, a, da, dz, columns: 37);

        for (int i = 0; i < z.Length; i++)
        {
            double x = z[i], s = ReferenceMath.Sigmoid(1.5 * x);
            double f = x * s + 0.1 * Math.Sin(x);
            double g = da[i] * (s + 1.5 * x * s * (1 - s) + 0.1 * Math.Cos(x));
            Assert.True(Math.Abs(a[i] - f) <= 2e-7 * Math.Abs(f), $"f({x:R}) = {a[i]:R}, expected {f:R}");
            Assert.True(Math.Abs(dz[i] - g) <= 4e-7 * Math.Abs(g), $"da·f'({x:R}) = {dz[i]:R}, expected {g:R}");
        }
    }

    [Fact]
    public void Parsing_the_same_expression_twice_reuses_the_compiled_activation()
    {
        Assert.Same(CustomActivation.Parse("x*tanh(x)"), CustomActivation.Parse("x * tanh(x)"));
    }
}
