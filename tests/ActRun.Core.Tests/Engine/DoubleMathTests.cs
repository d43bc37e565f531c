using ActRun.Core.Engine;
using Xunit.Abstractions;

namespace ActRun.Core.Tests.Engine;

/// <summary>
/// The portable double functions against the platform's (glibc's are within an ulp of exact) on random inputs
/// spread over each function's range, plus special values. The error is in double ulp; each bound is the
/// measured maximum rounded up.
/// </summary>
public class DoubleMathTests(ITestOutputHelper output)
{
    private static IEnumerable<double> Inputs(double scale, int count = 200_000)
    {
        var rng = new Rng(5);
        for (int i = 0; i < count; i++)
        {
            double u = rng.NextUniform(-1, 1);
            yield return u * scale;
            yield return Math.Sign(u) * Math.Pow(2, rng.NextUniform(-60, Math.Log2(scale)));
        }
    }

    [Theory]
    [InlineData("exp", 745.0, 2.0)]
    [InlineData("log", 1e300, 1.0)]
    [InlineData("expm1", 700.0, 4.0)]
    [InlineData("tanh", 30.0, 3.0)]
    [InlineData("sin", 1000.0, 2.0)]
    [InlineData("cos", 1000.0, 2.0)]
    [InlineData("pow", 30.0, 9.0)] // e^(y ln x): ln x's rounding is multiplied by y ln x (up to 16 here)
    public void Stays_within_a_few_ulp_of_the_platform_functions(string name, double scale, double maxUlp)
    {
        Func<double, double> f = name switch
        {
            "exp" => DoubleMath.Exp, "log" => x => DoubleMath.Log(Math.Abs(x)), "expm1" => DoubleMath.Expm1,
            "tanh" => DoubleMath.Tanh, "sin" => DoubleMath.Sin, "cos" => DoubleMath.Cos, _ => x => DoubleMath.Pow(1.7, x),
        };
        Func<double, double> reference = name switch
        {
            "exp" => Math.Exp, "log" => x => Math.Log(Math.Abs(x)), "expm1" => Expm1Series,
            "tanh" => Math.Tanh, "sin" => Math.Sin, "cos" => Math.Cos, _ => x => Math.Pow(1.7, x),
        };
        double worst = 0, worstAt = 0;
        foreach (double x in Inputs(scale))
        {
            double expected = reference(x), actual = f(x);
            if (expected == actual) continue;
            double ulps = Math.Abs(actual - expected) / (Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));
            if (!(ulps <= worst)) (worst, worstAt) = (ulps, x);
        }
        output.WriteLine($"{name}: max {worst:F3} ulp at x = {worstAt:R}");
        Assert.True(worst <= maxUlp, $"{name}: {worst:F3} ulp at x = {worstAt:R} (bound {maxUlp})");
    }

    /// <summary>e^x − 1 by its Taylor series below 0.5 (all terms of one sign for x &gt; 0, alternating and
    /// shrinking fast for x &lt; 0), so the reference does not cancel.</summary>
    private static double Expm1Series(double x)
    {
        if (Math.Abs(x) >= 0.5) return Math.Exp(x) - 1;
        double term = x, sum = x;
        for (int n = 2; n < 40 && Math.Abs(term) > 1e-40 * Math.Abs(sum); n++) sum += term *= x / n;
        return sum;
    }

    [Fact]
    public void Special_values_and_exact_cases()
    {
        Assert.Equal(1.0, DoubleMath.Exp(0));
        Assert.Equal(double.PositiveInfinity, DoubleMath.Exp(710));
        Assert.Equal(0.0, DoubleMath.Exp(-746));
        Assert.Equal(double.Epsilon, DoubleMath.Exp(-744.44));
        Assert.True(double.IsNaN(DoubleMath.Exp(double.NaN)));
        Assert.Equal(0.0, DoubleMath.Log(1));
        Assert.Equal(double.NegativeInfinity, DoubleMath.Log(0));
        Assert.Equal(-744.4400719213812, DoubleMath.Log(double.Epsilon), 13);
        Assert.True(double.IsNaN(DoubleMath.Log(-1)));
        Assert.Equal(double.PositiveInfinity, DoubleMath.Log(double.PositiveInfinity));
        Assert.Equal(0.0, DoubleMath.Sin(0));
        Assert.Equal(1.0, DoubleMath.Cos(0));
        Assert.True(double.IsNaN(DoubleMath.Sin(double.PositiveInfinity)));
        Assert.Equal(9.0, DoubleMath.Pow(3, 2));
        Assert.Equal(-27.0, DoubleMath.Pow(-3, 3));
        Assert.Equal(0.25, DoubleMath.Pow(2, -2));
        Assert.True(double.IsNaN(DoubleMath.Pow(-2, 0.5)));
        Assert.Equal(1.0, DoubleMath.Pow(0, 0));
        Assert.Equal(double.PositiveInfinity, DoubleMath.Pow(0, -1.5));
        Assert.Equal(-1.0, DoubleMath.Tanh(-30));
        Assert.Equal(-1.0, DoubleMath.Expm1(double.NegativeInfinity));
    }
}
