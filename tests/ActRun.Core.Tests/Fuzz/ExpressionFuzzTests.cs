using ActRun.Core.Activations;

namespace ActRun.Core.Tests.Fuzz;

/// <summary>Activation texts (names with parameters, expressions in x): any text makes an activation or is one ConfigException.</summary>
public class ExpressionFuzzTests
{
    private static readonly string[] Valid =
    [
        "relu", "leaky_relu(negative_slope=0.2)", "elu(alpha=1.5)", "x * sigmoid(1.702 * x)", "max(0, x) + 0.1 * min(0, x)",
        "tanh(x)^2", "x / (1 + abs(x))", "log(1 + exp(x))", "-x^3 + 2*x", "sqrt(x*x + 1) - 1", "prelu", "rrelu(lower=0.1, upper=0.3)",
        "threshold(threshold=0.5, value=-1)", "softplus(beta=2)",
    ];

    private static readonly string[] Tokens =
    [
        "x", "(", ")", "^", "**", "*", "/", "+", "-", ",", "=", ".", "e", "1e40", "1e-50", "0", "exp(", "log(", "sqrt(", "max(", "min(", "abs(",
        "sigmoid(", "tanh(", "pi", "alpha=", "negative_slope=", "beta", " ", "NaN", "inf", "((((((((", "))))", "x^x^x^x", "2147483648",
    ];

    private static readonly float[] Points = [float.NegativeInfinity, -1e30f, -50, -20, -1, -1e-30f, 0, 1e-30f, 0.5f, 1, 20, 50, 1e30f, float.PositiveInfinity, float.NaN];

    /// <summary>Creating it, then computing values and derivatives at extreme points: neither may throw.</summary>
    private static void CreateAndEvaluate(string text)
    {
        var activation = ActivationRegistry.Create(text);
        foreach (float x in Points) activation.Derivative(x, activation.Value(x));
        ActivationRegistry.Create(activation.ToString());
    }

    [Fact]
    public void Mutated_activations_parse_or_fail_with_a_config_error()
    {
        TestUtilities.Fuzz.Cases(seed: 7001, maxCases: 5000, (random, _) =>
        {
            string text = TestUtilities.Fuzz.Mutate(random, Valid[random.Next(Valid.Length)], Tokens);
            TestUtilities.Fuzz.ExpectTypedOutcome("activation", text, () => CreateAndEvaluate(text));
        });
    }

    [Fact]
    public void Random_expressions_parse_or_fail_with_a_config_error()
    {
        TestUtilities.Fuzz.Cases(seed: 7002, maxCases: 5000, (random, _) =>
        {
            string text = TestUtilities.Fuzz.RandomText(random, 40, "x()+-*/^.,=0123456789e elpaqsrtignmbd_");
            TestUtilities.Fuzz.ExpectTypedOutcome("activation", text, () => CreateAndEvaluate(text));
        });
    }

    [Fact]
    public void Lists_of_activations_split_or_fail_with_a_config_error()
    {
        TestUtilities.Fuzz.Cases(seed: 7003, maxCases: 3000, (random, _) =>
        {
            string list = TestUtilities.Fuzz.Mutate(random, string.Join(",", Valid.OrderBy(_ => random.Next()).Take(3)), Tokens);
            TestUtilities.Fuzz.ExpectTypedOutcome("activation list", list, () =>
            {
                foreach (string item in ActivationRegistry.SplitList(list)) CreateAndEvaluate(item);
            });
        });
    }
}
