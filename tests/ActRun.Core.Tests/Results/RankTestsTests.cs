using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

/// <summary>The Friedman test and the Nemenyi critical difference against scipy 1.10.1 (reference/paired_statistics.py) and Demšar (2006).</summary>
public class RankTestsTests
{
    private static readonly IReadOnlyList<IReadOnlyList<double>> Scores =
    [
        [0.95, 0.93, 0.91, 0.90],
        [0.88, 0.89, 0.85, 0.84],
        [0.97, 0.96, 0.96, 0.93], // a tie: scipy's tie correction applies
        [0.80, 0.78, 0.79, 0.70],
        [0.91, 0.90, 0.87, 0.88],
    ];

    [Fact]
    public void Friedman_and_Iman_Davenport_match_scipy()
    {
        var f = RankTests.Friedman(Scores, higherIsBetter: true);
        // scipy.stats.friedmanchisquare(*columns), rankdata(−row) averaged, F_F and scipy.stats.f.sf.
        Assert.Equal(11.326530612244893, f.ChiSquare, 10);
        Assert.Equal(0.010085099528746342, f.P, 9);
        Assert.Equal([1.2, 2.1, 2.9, 3.8], f.AverageRanks.Select(r => Math.Round(r, 12)));
        Assert.Equal(12.33333333333331, f.ImanDavenportF, 9);
        Assert.Equal(0.0005622454168412512, f.ImanDavenportP, 9);
        // CD = q_0.05(k = 4) √(k(k + 1)/(6N)) with Demšar's q = 2.569.
        Assert.Equal(2.0975797164033283, f.CriticalDifference, 12);
    }

    [Fact]
    public void Lower_is_better_reverses_the_ranks_not_the_statistic()
    {
        var f = RankTests.Friedman(Scores.Select(r => (IReadOnlyList<double>)r.Select(v => -v).ToList()).ToList(), higherIsBetter: false);
        Assert.Equal([1.2, 2.1, 2.9, 3.8], f.AverageRanks.Select(r => Math.Round(r, 12)));
        Assert.Equal(11.326530612244893, f.ChiSquare, 10);
    }

    [Fact]
    public void Nemenyi_q_values_are_Demsars_table()
    {
        // Demšar (2006), table 5(a), α = 0.05, k = 2..10.
        Assert.Equal([1.960, 2.343, 2.569, 2.728, 2.850, 2.949, 3.031, 3.102, 3.164], RankTests.NemenyiQ05.Take(9));
        // scipy.stats.studentized_range.ppf(0.95, k, ∞)/√2 for k = 11..20.
        Assert.Equal([3.219, 3.268, 3.313, 3.354, 3.391, 3.426, 3.458, 3.489, 3.517, 3.544], RankTests.NemenyiQ05.Skip(9));
    }

    [Fact]
    public void Perfect_agreement_gives_an_infinite_F_and_too_few_datasets_are_refused()
    {
        var f = RankTests.Friedman([[3, 2, 1], [3, 2, 1], [3, 2, 1]], higherIsBetter: true);
        Assert.Equal(double.PositiveInfinity, f.ImanDavenportF);
        Assert.Equal(0, f.ImanDavenportP);
        Assert.Throws<ArgumentException>(() => RankTests.Friedman([[1, 2]], true));
    }
}
