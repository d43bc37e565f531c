namespace ActRun.Plots;

/// <summary>Axis ranges and ticks that make a plot read at a glance, apart from the drawing so they can be tested.</summary>
public static class PlotAxes
{
    /// <summary>
    /// The y range of a bar chart zoomed to the data. The bars' tops (the means) decide it: their spread, at least 2%
    /// of the largest, with room below so the lowest bar still shows and above for the whiskers. Whiskers (the
    /// intervals, from <paramref name="lows"/> to <paramref name="highs"/>) widen it by at most that spread again on
    /// either side; a longer whisker runs off the edge (two seeds give Student t intervals wider than the data).
    /// Zero is in the range only when the data come near it, so bars of 0.99 and 0.92 are told apart instead of drawn
    /// as two full-height bars; non-negative data never get a negative axis.
    /// </summary>
    public static (double Low, double High) BarLimits(IReadOnlyList<double> means, IReadOnlyList<double> lows, IReadOnlyList<double> highs)
    {
        var finite = means.Where(double.IsFinite).ToList();
        if (finite.Count == 0) return (0, 1);
        double low = finite.Min(), high = finite.Max();
        double span = Math.Max(high - low, Math.Max(0.02 * Math.Max(Math.Abs(low), Math.Abs(high)), 1e-6));
        double whiskerLow = lows.Where(double.IsFinite).DefaultIfEmpty(low).Min();
        double whiskerHigh = highs.Where(double.IsFinite).DefaultIfEmpty(high).Max();
        double bottom = Math.Max(Math.Min(whiskerLow, low - 0.5 * span), low - span) - 0.1 * span;
        double top = Math.Min(Math.Max(whiskerHigh, high), high + span) + 0.1 * span;
        if (low >= 0 && bottom < 0) bottom = 0;
        return (bottom, top);
    }

    /// <summary>
    /// Whole-number ticks from <paramref name="first"/> to <paramref name="last"/>: every one when they fit, else every
    /// 2nd, 5th, 10th, 20th, … so that at most <paramref name="maxTicks"/> are drawn (epochs 1.05, 1.1, … never appear).
    /// </summary>
    public static IReadOnlyList<int> IntegerTicks(int first, int last, int maxTicks = 10)
    {
        if (last < first) (first, last) = (last, first);
        int step = Steps().First(s => (last - first) / s + 1 <= Math.Max(maxTicks, 2));
        int start = step == 1 ? first : (int)Math.Ceiling(first / (double)step) * step;
        var ticks = new List<int>();
        for (int t = start; t <= last; t += step) ticks.Add(t);
        if (ticks.Count == 0) ticks.Add(first);
        return ticks;
    }

    private static IEnumerable<int> Steps()
    {
        for (int magnitude = 1; ; magnitude *= 10)
        {
            yield return magnitude;
            yield return 2 * magnitude;
            yield return 5 * magnitude;
        }
    }
}
