using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class StatisticsTests
{
    [Theory]
    // scipy.stats.t.ppf(0.975, ν) (reference/paired_statistics.py).
    [InlineData(1, 12.706204736432095)]
    [InlineData(2, 4.302652729911275)]
    [InlineData(4, 2.7764451051977987)]
    [InlineData(9, 2.2621571627409915)]
    [InlineData(30, 2.0422724563012373)]
    [InlineData(1000, 1.9623390808264074)]
    public void T_quantile_matches_scipy(int nu, double expected)
    {
        Assert.Equal(expected, Statistics.StudentTQuantile(0.975, nu), 9);
        Assert.Equal(0.025, Statistics.StudentTUpperTail(expected, nu), 10);
    }

    [Fact]
    public void Confidence_interval_of_the_mean()
    {
        double[] values = [1, 2, 3, 4, 5];
        // s = sqrt(2.5), n = 5, t_{0.975,4} = 2.776445
        Assert.Equal(2.7764451051977987 * Math.Sqrt(2.5 / 5), Statistics.ConfidenceHalfWidth95(values), 9);
        Assert.True(double.IsNaN(Statistics.ConfidenceHalfWidth95([1])));
    }
}
