using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class StatisticsTests
{
    [Theory]
    // Student-t quantiles from standard tables (t_{0.975, ν}).
    [InlineData(1, 12.706204736)]
    [InlineData(2, 4.302652730)]
    [InlineData(4, 2.776445105)]
    [InlineData(9, 2.262157163)]
    [InlineData(30, 2.042272456)]
    [InlineData(1000, 1.962339081)]
    public void T_quantile_matches_the_tables(int nu, double expected)
    {
        Assert.Equal(expected, Statistics.StudentTQuantile(0.975, nu), 6);
    }

    [Fact]
    public void Log_gamma_matches_known_values()
    {
        Assert.Equal(0, Statistics.LogGamma(1), 12);
        Assert.Equal(Math.Log(24), Statistics.LogGamma(5), 12);
        Assert.Equal(0.5 * Math.Log(Math.PI), Statistics.LogGamma(0.5), 12);
    }

    [Fact]
    public void Welch_t_test_of_two_clearly_separated_samples()
    {
        // By hand: means 0.97 and 0.92, both sample variances 2.5e-6, n = 5 each, so t = 0.05 / sqrt(1e-6) = 50
        // and, with equal variances and sizes, the Welch degrees of freedom are 2 (n − 1) = 8.
        double[] a = [0.97, 0.968, 0.971, 0.969, 0.972], b = [0.92, 0.921, 0.919, 0.918, 0.922];
        var (t, df, p) = Statistics.WelchTTest(a, b);
        Assert.Equal(0.05 / Math.Sqrt(2.5e-6 / 5 + 2.5e-6 / 5), t, 6);
        Assert.Equal(8, df, 6);
        Assert.True(p < 1e-10, $"p = {p}");
    }

    [Fact]
    public void Welch_p_value_for_a_moderate_difference()
    {
        // Two samples with t = 2.306 at 8 degrees of freedom: the two-sided p is 0.05 (t_{0.975, 8} = 2.306004).
        double[] a = [1, 2, 3, 4, 5];
        double shift = 2.306004135 * Math.Sqrt(2 * 2.5 / 5);
        double[] b = a.Select(x => x + shift).ToArray();
        var (t, df, p) = Statistics.WelchTTest(b, a);
        Assert.Equal(8, df, 9);
        Assert.Equal(0.05, p, 6);
        Assert.True(t > 0);
    }

    [Fact]
    public void Confidence_interval_of_the_mean()
    {
        double[] values = [1, 2, 3, 4, 5];
        // s = sqrt(2.5), n = 5, t_{0.975,4} = 2.776445
        Assert.Equal(2.776445105 * Math.Sqrt(2.5 / 5), Statistics.ConfidenceHalfWidth95(values), 6);
        Assert.True(double.IsNaN(Statistics.ConfidenceHalfWidth95([1])));
    }

    [Fact]
    public void Degenerate_samples_give_NaN_not_an_exception()
    {
        Assert.True(double.IsNaN(Statistics.WelchTTest([1, 1], [1, 1]).P));
        Assert.True(double.IsNaN(Statistics.WelchTTest([1], [2, 3]).P));
    }
}
