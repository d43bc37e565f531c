using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class PercentilesTests
{
    private static double[] Of(float[] values, params double[] qs)
    {
        var result = new double[qs.Length];
        Percentiles.SortAndCompute(values.ToArray(), qs, result);
        return result;
    }

    [Fact]
    public void Percentiles_interpolate_linearly_between_ranks_as_numpy_does()
    {
        // numpy.percentile([1, 2, 3, 4], [15, 50, 85]) = [1.45, 2.5, 3.55]: h = 3q/100 between x[⌊h⌋] and x[⌊h⌋+1].
        var values = Of([4, 1, 3, 2], 15, 50, 85);
        Assert.Equal(1.45, values[0], 12);
        Assert.Equal(2.5, values[1], 12);
        Assert.Equal(3.55, values[2], 12);
    }

    [Fact]
    public void Percentiles_of_an_unsorted_sample_with_ties_and_a_far_value()
    {
        // Sorted: -5, 0, 2, 2, 7.5, 10, 100 (n = 7, h = 6q/100). q15: h = 0.9, -5 + 0.9·5 = -0.5; q50: h = 3, x[3] = 2;
        // q85: h = 5.1, 10 + 0.1·90 = 19; q0 and q100 are the minimum and the maximum.
        var values = Of([10, -5, 7.5f, 0, 2, 2, 100], 0, 15, 50, 85, 100);
        Assert.Equal(new double[] { -5, -0.5, 2, 19, 100 }, values.Select(v => Math.Round(v, 10)));
    }

    [Fact]
    public void One_value_is_every_percentile_and_an_odd_median_is_the_middle_value()
    {
        Assert.Equal(new double[] { 3.25, 3.25, 3.25 }, Of([3.25f], 15, 50, 85));
        Assert.Equal(2, Of([9, 2, -1], 50)[0]);
    }

    [Fact]
    public void A_NaN_or_no_value_gives_NaN_for_every_percentile()
    {
        Assert.All(Of([1, float.NaN, 3], 15, 50, 85), v => Assert.True(double.IsNaN(v)));
        Assert.All(Of([], 15, 50, 85), v => Assert.True(double.IsNaN(v)));
    }

    [Fact]
    public void Infinities_stay_infinite_instead_of_becoming_NaN()
    {
        // Between -∞ and 0 (q25 of four values: h = 0.75) the formula would compute -∞ + ∞.
        var values = Of([float.NegativeInfinity, 0, 1, float.PositiveInfinity], 25, 50, 75, 100);
        Assert.Equal(new[] { double.NegativeInfinity, 0.5, double.PositiveInfinity, double.PositiveInfinity }, values);
    }

    [Fact]
    public void The_result_depends_on_the_values_not_their_order()
    {
        var rng = new Random(5);
        var values = Enumerable.Range(0, 1001).Select(_ => (float)(rng.NextDouble() * 20 - 10)).ToArray();
        var reversed = values.Reverse().ToArray();
        Assert.Equal(Of(values, 15, 50, 85), Of(reversed, 15, 50, 85));
        // 1001 values: h = 10q is whole, so each percentile is a value of the sample itself.
        var sorted = values.Order().ToArray();
        Assert.Equal(new double[] { sorted[150], sorted[500], sorted[850] }, Of(values, 15, 50, 85));
    }

    [Fact]
    public void A_percentile_outside_0_to_100_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.OfSorted([1f, 2f], 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => Percentiles.OfSorted([1f, 2f], double.NaN));
    }
}
