using ActRun.Core.Experiments;

namespace ActRun.Core.Tests.Experiments;

public class TunerTests
{
    private static readonly ConfigOrigin Here = new("test");

    private static TuneDimension Dim(string key, string text) => TuneDimension.Parse(ConfigKeys.Find(key)!, text, Here);

    [Fact]
    public void A_grid_is_every_point_first_key_outermost()
    {
        var spec = new TuneSpec { Space = [Dim("train.lr", "logspace(1e-3, 1e-1, 3)"), Dim("train.momentum", "0, 0.9")] };
        var labels = spec.Candidates(1).Select(p => p.Label).ToList();
        Assert.Equal(["lr=0.001 momentum=0", "lr=0.001 momentum=0.9", "lr=0.01 momentum=0", "lr=0.01 momentum=0.9", "lr=0.1 momentum=0", "lr=0.1 momentum=0.9"], labels);
    }

    [Fact]
    public void Random_search_draws_the_same_points_from_the_same_seed_and_stays_in_range()
    {
        var spec = new TuneSpec { Strategy = "random", Trials = 200, Space = [Dim("train.lr", "loguniform(1e-4, 1)"), Dim("train.momentum", "0, 0.5, 0.9")] };
        var a = spec.Candidates(7);
        Assert.Equal(a, spec.Candidates(7));
        Assert.NotEqual(a, spec.Candidates(8));
        var lrs = a.Select(p => double.Parse(p.Values[0].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(lrs, lr => Assert.InRange(lr, 1e-4, 1));
        // Log-uniform: about half the draws below the geometric middle 1e-2 (binomial, n = 200: 5 standard deviations is ±35).
        Assert.InRange(lrs.Count(lr => lr < 1e-2), 65, 135);
        Assert.Equal(["0", "0.5", "0.9"], a.Select(p => p.Values[1].Value).Distinct().Order().ToList());
    }

    [Fact]
    public void Grid_search_refuses_a_distribution_and_says_to_draw_instead()
    {
        var spec = new TuneSpec { Space = [Dim("train.lr", "loguniform(1e-4, 1)")] };
        Assert.Contains("use strategy: random", Assert.Throws<ConfigException>(() => spec.Candidates(1)).Message);
    }

    [Theory]
    [InlineData("loguniform(0, 1)", "loguniform needs positive ends")]
    [InlineData("uniform(1, 1)", "low < high")]
    [InlineData("0.1, 0.1", "lists '0.1' twice")]
    public void Bad_dimensions_say_how_to_write_them(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigException>(() => Dim("train.lr", text)).Message);

    [Fact]
    public void Halving_rounds_shrink_by_eta_and_end_at_the_full_epochs()
    {
        var spec = new TuneSpec { Strategy = "halving", Eta = 3 };
        // 9 → 3 → 1 candidates at 30/9, 30/3, 30 epochs.
        Assert.Equal([(9, 3), (3, 10), (1, 30)], spec.Rounds(9, 30));
        Assert.Equal([(10, 1), (4, 2), (2, 7), (1, 20)], spec.Rounds(10, 20));
        Assert.Equal([(9, 30)], (spec with { Strategy = "grid" }).Rounds(9, 30));
    }

    [Fact]
    public void Each_variant_chooses_its_own_best_and_halving_trains_only_survivors()
    {
        var spec = new TuneSpec { Strategy = "halving", Eta = 3, Space = [Dim("train.lr", "logspace(1e-4, 1, 9)")] };
        var candidates = spec.Candidates(1);
        // Variant 0 is best at the 3rd rate, variant 1 at the 7th; the score improves with epochs.
        double Score(int v, TunePoint p, int epochs) => Math.Abs(candidates.ToList().IndexOf(p) - (v == 0 ? 2 : 6)) + 1.0 / epochs;
        var calls = new List<(int Round, int Epochs, int Runs)>();
        var outcome = Tuner.Search(spec, 2, candidates, 27, (round, epochs, runs) =>
        {
            calls.Add((round, epochs, runs.Count));
            return runs.Select(r => Score(r.Variant, r.Point, epochs)).ToList();
        });
        Assert.Equal([(0, 3, 18), (1, 9, 6), (2, 27, 2)], calls);
        Assert.Equal(candidates[2], outcome.Chosen[0]);
        Assert.Equal(candidates[6], outcome.Chosen[1]);
        Assert.Equal(26, outcome.Trials.Count);
        Assert.Equal(2, outcome.Trials.Count(t => t.Round == 2 && t.Kept));
    }

    [Fact]
    public void Accuracy_is_maximised_a_diverged_trial_never_wins_and_ties_go_to_the_first_candidate()
    {
        var spec = new TuneSpec { Metric = "val_accuracy", Space = [Dim("train.lr", "0.01, 0.1, 1, 10")] };
        var candidates = spec.Candidates(1);
        var outcome = Tuner.Search(spec, 1, candidates, 5, (_, _, runs) => [0.9, 0.95, 0.95, double.NaN]);
        Assert.Equal("lr=0.1", outcome.Chosen[0].Label);
        var lossSpec = spec with { Metric = "val_loss" };
        Assert.Equal("lr=10", Tuner.Search(lossSpec, 1, candidates, 5, (_, _, _) => [double.NaN, 0.5, 0.4, 0.3]).Chosen[0].Label);
    }
}
