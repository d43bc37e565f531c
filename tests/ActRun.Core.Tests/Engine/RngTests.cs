using ActRun.Core.Engine;

namespace ActRun.Core.Tests.Engine;

public class RngTests
{
    [Fact]
    public void Same_seed_gives_the_same_stream_and_different_seeds_differ()
    {
        var a = new Rng(7);
        var b = new Rng(7);
        var c = new Rng(8);
        var xs = Enumerable.Range(0, 100).Select(_ => a.NextUInt64()).ToArray();
        Assert.Equal(xs, Enumerable.Range(0, 100).Select(_ => b.NextUInt64()).ToArray());
        Assert.NotEqual(xs, Enumerable.Range(0, 100).Select(_ => c.NextUInt64()).ToArray());
    }

    [Fact]
    public void Stream_is_pinned_so_results_stay_reproducible_across_versions()
    {
        // If this changes, every published result changes: only on purpose, with a note in the README.
        var rng = new Rng(42);
        Assert.Equal(1546998764402558742UL, rng.NextUInt64());
        Assert.Equal(6990951692964543102UL, rng.NextUInt64());
        Assert.Equal(0.7029218331588505, new Rng(1).NextDouble());
        Assert.Equal(2381978015028000114UL, Rng.Derive(1, "init"));
        Assert.NotEqual(Rng.Derive(1, "init"), Rng.Derive(1, "shuffle"));
    }

    [Fact]
    public void Gaussian_has_zero_mean_and_unit_variance()
    {
        var rng = new Rng(3);
        var xs = Enumerable.Range(0, 200_000).Select(_ => rng.NextGaussian()).ToArray();
        double mean = xs.Average();
        double variance = xs.Select(x => (x - mean) * (x - mean)).Average();
        Assert.InRange(mean, -0.01, 0.01);
        Assert.InRange(variance, 0.98, 1.02);
    }

    [Fact]
    public void NextInt_is_uniform_and_in_range()
    {
        var rng = new Rng(5);
        var counts = new int[7];
        for (int i = 0; i < 70_000; i++) counts[rng.NextInt(7)]++;
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Shuffle_is_a_permutation()
    {
        var rng = new Rng(9);
        int[] items = Enumerable.Range(0, 1000).ToArray();
        rng.Shuffle(items.AsSpan());
        Assert.NotEqual(Enumerable.Range(0, 1000), items);
        Assert.Equal(Enumerable.Range(0, 1000), items.OrderBy(x => x));
    }
}
