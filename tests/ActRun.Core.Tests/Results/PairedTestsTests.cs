using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

/// <summary>
/// Every statistic against scipy 1.10.1 / statsmodels 0.13.5: the samples and the numbers are printed by
/// reference/paired_statistics.py (its output is reference/paired_statistics.out).
/// </summary>
public class PairedTestsTests
{
    private static readonly double[] N5A = [0.962, 0.958, 0.971, 0.965, 0.960], N5B = [0.951, 0.955, 0.962, 0.949, 0.957];
    private static readonly double[] N8A = [0.912, 0.905, 0.921, 0.899, 0.915, 0.908, 0.917, 0.903];
    private static readonly double[] N8B = [0.910, 0.909, 0.915, 0.902, 0.911, 0.904, 0.920, 0.899];
    private static readonly double[] N12A = [0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.96, 0.97, 0.98, 0.99, 0.90, 0.91];
    private static readonly double[] N12B = [0.89, 0.91, 0.90, 0.94, 0.92, 0.95, 0.95, 0.95, 0.97, 0.97, 0.88, 0.92];
    private static readonly double[] N30A = Enumerable.Range(0, 30).Select(i => 0.5 + 0.01 * Math.Sin(1.7 * i) + 0.002 * i).ToArray();
    private static readonly double[] N30B = Enumerable.Range(0, 30).Select(i => 0.5 + 0.01 * Math.Cos(1.3 * i) + 0.0015 * i).ToArray();
    private static readonly double[] N60A = Enumerable.Range(0, 60).Select(i => 1.0 + 0.05 * Math.Sin(0.9 * i) + 0.001 * i).ToArray();
    private static readonly double[] N60B = Enumerable.Range(0, 60).Select(i => 1.0 + 0.05 * Math.Sin(0.9 * i + 0.4)).ToArray();

    public static TheoryData<string, double, double, double, double, double, double, double> TTests => new()
    {
        // name, mean difference, SD of differences, t, p, CI low, CI high, d_z (scipy.stats.ttest_rel, its confidence_interval)
        { "n5", 0.008400000000000008, 0.005549774770204648, 3.3844564489065974, 0.027671268018454025, 0.001509044469697315, 0.015290955530302701, 1.5135749373285392 },
        { "n8", 0.0012500000000000011, 0.003955105199973469, 0.8939165274178947, 0.40105487455181893, -0.002056550693609769, 0.0045565506936097715, 0.3160472191759618 },
        { "n12", 0.009166666666666675, 0.011645001528813136, 2.72685793358293, 0.01968861783228284, 0.0017677856863690658, 0.016565547646964284, 0.7871760809979856 },
        { "n30", 0.006842519119224094, 0.010825613580262296, 3.4619765835652623, 0.0016844070223299696, 0.002800168574182327, 0.010884869664265861, 0.6320675561244543 },
        { "n60", 0.029533814203131763, 0.022872536489105144, 10.001861456266369, 2.553621250139055e-14, 0.023625211494978676, 0.03544241691128485, 1.29123476170645 },
    };

    private static (double[] A, double[] B) Sample(string name) => name switch
    {
        "n5" => (N5A, N5B),
        "n8" => (N8A, N8B),
        "n12" => (N12A, N12B),
        "n30" => (N30A, N30B),
        _ => (N60A, N60B),
    };

    private static void Close(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected) + 1e-15, $"expected {expected:R}, got {actual:R}");

    [Theory]
    [MemberData(nameof(TTests))]
    public void Paired_t_test_matches_scipy(string name, double mean, double sd, double t, double p, double low, double high, double dz)
    {
        var (a, b) = Sample(name);
        var r = PairedTests.TTest(a, b);
        Close(mean, r.MeanDifference);
        Close(sd, r.SdDifference);
        Close(t, r.T);
        Close(p, r.P, 1e-7);
        Close(low, r.CiLow);
        Close(high, r.CiHigh);
        Close(dz, r.CohenDz);
        Assert.Equal(a.Length - 1, r.DegreesOfFreedom);
    }

    [Theory]
    // scipy.stats.wilcoxon(a, b) with its defaults: T = min(W+, W−) and p.
    [InlineData("n5", 0.0, 0.0625, true)]                    // exact: no zeros, no ties
    [InlineData("n30", 88.0, 0.0021877754479646683, true)]   // exact up to 50 pairs
    [InlineData("n12", 4.5, 0.017528526972451844, false)]    // zeros: dropped, normal approximation with the tie correction
    [InlineData("n60", 62.0, 3.397786095976041e-10, false)]  // more than 50 pairs: normal approximation
    // Tied |differences| (n5 has two, all positive): the exact distribution of the average ranks, which the script
    // enumerates over all 2^n sign patterns; scipy's default agrees on n5 and truncates W+ = 25.5 on n8 (0.3828).
    [InlineData("n8", 10.5, 0.3125, true)]
    public void Wilcoxon_signed_rank_matches_scipy(string name, double statistic, double p, bool exact)
    {
        var (a, b) = Sample(name);
        var r = PairedTests.Wilcoxon(a, b);
        Assert.Equal(statistic, r.Statistic);
        Close(p, r.P, 1e-7);
        Assert.Equal(exact, r.Exact);
    }

    [Fact]
    public void Wilcoxon_with_only_zero_differences_has_no_p_value() =>
        Assert.True(double.IsNaN(PairedTests.Wilcoxon([1, 2, 3], [1, 2, 3]).P));

    [Theory]
    // statsmodels ttost_paired(a, b, −m, m): p, p of "≤ −m", p of "≥ +m".
    [InlineData("n5", 0.005, 0.8787100739193651, 0.0028479729731803417)]
    [InlineData("n5", 0.02, 0.004745800894700329, 0.00016642333529263485)]
    [InlineData("n8", 0.005, 0.01572970962388673, 0.0014511962082563972)]
    [InlineData("n8", 0.02, 1.5045323195042315e-06, 6.429323772899052e-07)]
    [InlineData("n12", 0.02, 0.004060346103539179, 1.4975251511629396e-06)]
    [InlineData("n30", 0.02, 1.3363189434605626e-07, 2.1167828092759758e-14)]
    [InlineData("n60", 0.005, 0.999999999991757, 2.6405328356211452e-17)]
    public void Tost_matches_statsmodels(string name, double margin, double p, double pLower)
    {
        var (a, b) = Sample(name);
        var r = PairedTests.Tost(a, b, margin);
        Close(p, r.P, 1e-7);
        Close(pLower, r.PLower, 1e-6);
    }

    [Fact]
    public void Holm_matches_statsmodels()
    {
        // multipletests([0.01, 0.04, 0.03, 0.005, 0.2, 0.5], method="holm")
        double[] expected = [0.05, 0.12, 0.12, 0.03, 0.4, 0.5];
        var adjusted = PairedTests.Holm([0.01, 0.04, 0.03, 0.005, 0.2, 0.5]);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], adjusted[i], 12);
        var withNaN = PairedTests.Holm([0.01, double.NaN, 0.04]);
        Assert.Equal([0.02, double.NaN, 0.04], withNaN);
    }

    [Theory]
    // statsmodels TTestPower().solve_power(effect, alpha, power=0.8) (exact, noncentral t): the approximation is within one seed.
    [InlineData(0.5, 0.05, 33.36713118431864)]
    [InlineData(0.5, 0.05 / 3, 44.78087007212896)]
    [InlineData(1.0, 0.05, 9.937850940736592)]
    [InlineData(1.0, 0.05 / 3, 13.448739349508456)]
    [InlineData(2.0, 0.05, 4.220718585019236)]
    [InlineData(2.0, 0.05 / 3, 5.640838014483803)]
    public void Seeds_to_detect_is_within_one_seed_of_the_exact_power_calculation(double effect, double alpha, double exact)
    {
        double n = PairedTests.SeedsToDetect(sd: 0.01, delta: effect * 0.01, alpha);
        Assert.InRange(n, Math.Ceiling(exact) - 1, Math.Ceiling(exact) + 1);
        Assert.Equal(double.PositiveInfinity, PairedTests.SeedsToDetect(0.01, 0));
        Assert.Equal(double.PositiveInfinity, PairedTests.SeedsToShowEquivalence(0.01, 0.006, 0.005));
    }

    [Fact]
    public void A_difference_without_spread_is_certain_and_no_difference_is_undefined()
    {
        var shifted = PairedTests.TTest([1, 2, 3], [0.5, 1.5, 2.5]);
        Assert.Equal(0, shifted.P);
        Assert.True(double.IsNaN(PairedTests.TTest([1, 2, 3], [1, 2, 3]).P));
        Assert.Equal(0, PairedTests.Tost([1, 2, 3], [1, 2, 3], 0.005).P);
    }
}
