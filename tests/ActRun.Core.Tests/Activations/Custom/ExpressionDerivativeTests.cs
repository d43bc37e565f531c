using ActRun.Core.Activations.Custom;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Activations.Custom;

public class ExpressionDerivativeTests
{
    private static readonly double[] Points = [-20, -5, -2.5, -1, -0.3, 0.1, 0.7, 1.3, 2, 5, 20];
    private static readonly double[] PositivePoints = [0.05, 0.3, 0.7, 1, 1.3, 2, 5, 20];

    // Each expression with an independent double reference written from its textbook formula.
    public static TheoryData<string, Func<double, double>, bool> Functions => new()
    {
        { "exp(x)", Math.Exp, false },
        { "log(x)", Math.Log, true },
        { "sqrt(x)", Math.Sqrt, true },
        { "abs(x)", Math.Abs, false },
        { "sign(x)", x => Math.Sign(x), false },
        { "sin(x)", Math.Sin, false },
        { "cos(x)", Math.Cos, false },
        { "tanh(x)", Math.Tanh, false },
        { "sigmoid(x)", x => 1 / (1 + Math.Exp(-x)), false },
        { "softplus(x)", x => Math.Log(1 + Math.Exp(x)), false },
        { "relu(x)", x => Math.Max(x, 0), false },
        { "erf(x)", ReferenceMath.Erf, false },
        { "min(x, 1-x)", x => Math.Min(x, 1 - x), false },
        { "max(x, 0.2*x)", x => Math.Max(x, 0.2 * x), false },
        { "pow(x, 3)", x => x * x * x, false },
        { "pow(2, x)", x => Math.Pow(2, x), false },
        { "x^x", x => Math.Pow(x, x), true },
        { "x^2.5", x => Math.Pow(x, 2.5), true },
        { "1/x", x => 1 / x, false },
        { "x/(1+x^2)", x => x / (1 + x * x), false },
        { "-x^2", x => -x * x, false },
        { "exp(-x^2/2)", x => Math.Exp(-x * x / 2), false },
        { "x*sigmoid(1.5*x)", x => x / (1 + Math.Exp(-1.5 * x)), false },
        { "x*tanh(softplus(x))", x => x * Math.Tanh(Math.Log(1 + Math.Exp(x))), false },
        { "x/2*(1+erf(x/sqrt(2)))", x => x / 2 * (1 + ReferenceMath.Erf(x / Math.Sqrt(2))), false },
        { "sin(x)^2-cos(2*x)/3", x => Math.Pow(Math.Sin(x), 2) - Math.Cos(2 * x) / 3, false },
        { "log(1+exp(x))-pi*e", x => Math.Log(1 + Math.Exp(x)) - Math.PI * Math.E, false },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void Symbolic_derivative_matches_central_differences_in_double(string text, Func<double, double> f, bool positiveOnly)
    {
        var activation = CustomActivation.Parse(text);

        foreach (double x in positiveOnly ? PositivePoints : Points)
        {
            double h = 1e-5 * Math.Max(1, Math.Abs(x));
            double expected = (f(x + h) - f(x - h)) / (2 * h);
            float actual = activation.Derivative((float)x, activation.Value((float)x));

            // Float rounding of x and of the result, plus the O(h^2) truncation of the difference.
            Assert.True(Math.Abs(actual - expected) <= 1e-5 * Math.Abs(expected) + 1e-6,
                $"d/dx {text} at {x}: {actual:R}, central difference {expected:R} ({activation.DerivativeText})");
        }
    }

    [Fact]
    public void Derivative_of_x_sigmoid_matches_the_hand_formula()
    {
        var activation = CustomActivation.Parse("x*sigmoid(1.5*x)");

        for (double x = -10; x <= 10; x += 0.25)
        {
            double s = 1 / (1 + Math.Exp(-1.5 * x));
            double expected = s + 1.5 * x * s * (1 - s);

            Assert.Equal(expected, activation.Derivative((float)x, 0f), 1e-6);
        }
    }

    [Theory]
    [InlineData("relu(x)", 0f, 0f)]          // as the built-in relu
    [InlineData("abs(x)", 0f, 0f)]           // sign(0)
    [InlineData("sign(x)", 0f, 0f)]
    [InlineData("sign(x)", 3f, 0f)]
    [InlineData("max(x, 0)", 0f, 0f)]        // a tie takes the second argument's branch...
    [InlineData("max(0, x)", 0f, 1f)]
    [InlineData("min(x, 0)", 0f, 0f)]
    [InlineData("min(0, x)", 0f, 1f)]
    [InlineData("max(x, 0)", 2f, 1f)]        // ...and away from it the larger one's
    [InlineData("min(x, 0)", 2f, 0f)]
    public void Kinks_take_a_documented_one_sided_derivative(string text, float x, float expected)
    {
        var activation = CustomActivation.Parse(text);

        Assert.Equal(expected, activation.Derivative(x, activation.Value(x)));
    }

    [Theory]
    [InlineData("x^2", "2*x")]
    [InlineData("x^3", "3*x^2")]
    [InlineData("3*x+1", "3")]
    [InlineData("x-x", "0")]
    [InlineData("2^3^2", "0")]
    [InlineData("exp(x)", "exp(x)")]
    [InlineData("sin(2*x)", "2*cos(2*x)")]
    [InlineData("-x", "-1")]
    [InlineData("x/4", "0.25")]
    [InlineData("relu(x)", "(0<x ? 1 : 0)")]
    [InlineData("abs(x)", "sign(x)")]
    [InlineData("x*sigmoid(1.5*x)", "sigmoid(1.5*x)+x*(1.5*(sigmoid(1.5*x)*sigmoid(-1.5*x)))")]
    public void Derivatives_are_simplified_so_zero_and_one_terms_vanish(string text, string derivative)
    {
        Assert.Equal(derivative, CustomActivation.Parse(text).DerivativeText);
    }
}
