namespace ActRun.Core.Training;

/// <summary>
/// Percentiles of a sample by linear interpolation between the closest ranks (numpy's default, <c>method="linear"</c>;
/// R's type 7): sorted values x₀ ≤ … ≤ xₙ₋₁, h = (n − 1)·q, p(q) = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋₊₁ − x⌊h⌋). So the 0th
/// percentile is the minimum, the 100th the maximum, and the 50th of an even count the mean of the middle two.
/// A sort orders the values whatever the order they came in, so the result depends only on the values (not on a
/// SIMD width or a thread count that produced them).
/// </summary>
public static class Percentiles
{
    /// <summary>
    /// Sorts <paramref name="values"/> in place and returns the percentile <paramref name="q"/> (0 to 100) of each of
    /// <paramref name="qs"/> into <paramref name="result"/>. NaN for every q when there are no values or a value is NaN
    /// (a diverged network has no distribution to describe). Allocates nothing.
    /// </summary>
    public static void SortAndCompute(Span<float> values, ReadOnlySpan<double> qs, Span<double> result)
    {
        if (result.Length < qs.Length) throw new ArgumentException("result is shorter than the percentiles asked for.", nameof(result));
        bool undefined = values.IsEmpty;
        foreach (float v in values)
            if (float.IsNaN(v)) undefined = true;
        if (undefined)
        {
            result[..qs.Length].Fill(double.NaN);
            return;
        }
        values.Sort();
        for (int i = 0; i < qs.Length; i++) result[i] = OfSorted(values, qs[i]);
    }

    /// <summary>The percentile <paramref name="q"/> (0 to 100) of values already in increasing order, none of them NaN.</summary>
    public static double OfSorted(ReadOnlySpan<float> sorted, double q)
    {
        if (sorted.IsEmpty) return double.NaN;
        if (!(q >= 0 && q <= 100)) throw new ArgumentOutOfRangeException(nameof(q), q, "A percentile is between 0 and 100.");
        double h = (sorted.Length - 1) * (q / 100);
        int below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1) return sorted[^1];
        double lower = sorted[below], upper = sorted[below + 1], t = h - below;
        // Between −∞ and a number (or a number and +∞) every point is the infinity: the formula would give −∞ + ∞ = NaN.
        if (t == 0 || lower == upper || double.IsNegativeInfinity(lower)) return lower;
        if (double.IsPositiveInfinity(upper)) return upper;
        return lower + t * (upper - lower);
    }
}
