using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>A curve over seeds as every plot of the report draws it: the mean as a line, the seeds' minimum to maximum as a pale band.</summary>
public static class BandLine
{
    /// <summary>
    /// The mean line (legend <paramref name="legend"/> when given, shortened by <see cref="LegendLabel"/>), over a band when some point has two or more runs and
    /// <paramref name="band"/> is set; <paramref name="markers"/> marks each point (a line through few points, as depths).
    /// </summary>
    public static void Add(Plot plot, IReadOnlyList<BandPoint> points, Color color, string? legend,
        bool band = true, bool dashed = false, bool markers = false)
    {
        double[] xs = points.Select(p => p.X).ToArray();
        if (band && points.Any(p => p.N > 1))
        {
            var fill = plot.Add.FillY(xs, points.Select(p => p.Min).ToArray(), points.Select(p => p.Max).ToArray());
            fill.FillColor = color.WithAlpha(0.2);
            fill.LineWidth = 0;
        }
        var line = plot.Add.ScatterLine(xs, points.Select(p => p.Mean).ToArray(), color);
        line.LineWidth = 2;
        if (dashed) line.LinePattern = LinePattern.Dashed;
        if (markers)
        {
            line.MarkerSize = 7;
            line.MarkerShape = MarkerShape.FilledCircle;
        }
        if (legend is not null) line.LegendText = LegendLabel.Short(legend);
    }
}
