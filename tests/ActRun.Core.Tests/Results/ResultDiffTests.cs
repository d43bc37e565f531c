using ActRun.Core.Experiments;
using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class ResultDiffTests
{
    [Fact]
    public void Paired_t_test_matches_scipy()
    {
        // scipy 1.10 (Debian python3-scipy): a = [0.90, 0.85, 0.80, 0.88], b = [0.93, 0.86, 0.85, 0.87];
        // stats.ttest_rel(b, a) -> t = 1.5491933384829673, p = 0.21910203741704767;
        // stats.t.interval(0.95, 3, loc=mean(b - a), scale=sem(b - a)) -> (-0.021085205135217562, 0.06108520513521754).
        double[] a = [0.90, 0.85, 0.80, 0.88], b = [0.93, 0.86, 0.85, 0.87];
        var test = ResultDiff.PairedTTest(b.Zip(a, (x, y) => x - y).ToList());
        Assert.Equal(4, test.N);
        Assert.True(test.Tested);
        Assert.Equal(0.02, test.MeanDifference, 12);
        Assert.Equal(1.5491933384829673, test.T, 10);
        Assert.Equal(0.21910203741704767, test.P, 10);
        Assert.Equal(-0.021085205135217562, test.Ci95Low, 10);
        Assert.Equal(0.06108520513521754, test.Ci95High, 10);
        Assert.Equal("paired t-test", test.Description);
    }

    [Fact]
    public void Fewer_than_three_pairs_give_the_mean_difference_and_no_p_value()
    {
        var test = ResultDiff.PairedTTest([0.01, 0.03]);
        Assert.Equal(2, test.N);
        Assert.False(test.Tested);
        Assert.Equal(0.02, test.MeanDifference, 12);
        Assert.True(double.IsNaN(test.P));
        Assert.True(double.IsNaN(test.Ci95Low));
        Assert.Equal("2 paired seeds (fewer than 3): no test", test.Description);
        Assert.Equal("no seeds in common: no test", ResultDiff.PairedTTest([]).Description);
    }

    [Fact]
    public void Equal_differences_give_a_point_interval_and_no_p_value()
    {
        var test = ResultDiff.PairedTTest([0.0, 0.0, 0.0]);
        Assert.Equal((0.0, 0.0), (test.Ci95Low, test.Ci95High));
        Assert.True(double.IsNaN(test.P));
    }

    [Fact]
    public void Setting_differences_name_the_changed_keys_with_both_values()
    {
        var a = ConfigReader.Parse("""
            name: a
            dataset: circles
            model: {hidden: [8], activation: relu}
            train: {epochs: 3, lr: 0.01}
            sweep: {model.activation: [relu, tanh]}
            """, "a.yaml");
        var b = ConfigReader.Parse("""
            name: b
            description: another name and description are labels, not settings
            dataset: {name: circles, noise: 0.1}
            model: {hidden: [8], activation: relu}
            train: {epochs: 3, lr: 0.05}
            seeds: 3
            sweep: {model.activation: [relu, tanh, sigmoid]}
            """, "b.yaml");
        var differences = ResultDiff.SettingDifferences(a, b);
        Assert.Equal(
            [
                ("model.activation", "sweep [relu, tanh]", "sweep [relu, tanh, sigmoid]"),
                ("train.lr", "0.01", "0.05"),
                ("seeds", "42", "42, 43, 44"),
                ("dataset.noise", null, "0.1"),
            ],
            differences.Select(d => (d.Key, d.A, d.B)));
        Assert.Empty(ResultDiff.SettingDifferences(a, a));
    }
}
