namespace ActRun.Plots;

/// <summary>Axis ranges and ticks that make a plot read at a glance, apart from the drawing so they can be tested.</summary>
public static class PlotAxes
{
    /// <summary>
    /// The y range of a bar chart zoomed to the data: from the lowest whisker to the highest, with room below (so the
    /// shortest bar still shows) and above (for the value labels). Zero is in the range only when the data come near
    /// it: bars of 0.99 and 0.92 are told apart, not drawn as two full-height bars. Non-negative data never get a
    /// negative axis. Bars start at the bottom of the axis, so their heights compare differences, not ratios.
    /// </summary>
    public static (double Low, double High) BarLimits(IReadOnlyList<double> lows, IReadOnlyList<double> highs)
    {
        var finiteLows = lows.Where(double.IsFinite).ToList();
        var finiteHighs = highs.Where(double.IsFinite).ToList();
        if (finiteLows.Count == 0 || finiteHighs.Count == 0) return (0, 1);
        double low = finiteLows.Min(), high = finiteHighs.Max();
        double span = high - low;
        if (span < 1e-9) span = Math.Max(0.05 * Math.Abs(high), 0.01);
        double bottom = low - 0.6 * span, top = high + 0.3 * span;
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
