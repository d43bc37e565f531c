using ActRun.Core.Activations;
using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>Activations (solid) and their derivatives (dashed, same colour) over a range, as a PNG.</summary>
public static class ActivationPlot
{
    // Unbounded functions (exponential, x^2) would flatten everything else; the view keeps the interesting band.
    private const double YMin = -3, YMax = 6;

    public static void Save(string path, IReadOnlyList<Activation> activations, IReadOnlyList<float> xs)
    {
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        double[] x = xs.Select(v => (double)v).ToArray();
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int i = 0; i < activations.Count; i++)
        {
            var points = ActivationCatalog.Sample([activations[i]], xs).ToList();
            double[] y = points.Select(p => (double)p.Y).ToArray();
            double[] dy = points.Select(p => (double)p.Dy).ToArray();
            var color = palette.GetColor(i);
            var value = plot.Add.ScatterLine(x, y, color);
            value.LegendText = activations[i].Spec.ToString();
            value.LineWidth = 2;
            var derivative = plot.Add.ScatterLine(x, dy, color);
            derivative.LinePattern = LinePattern.Dashed;
            derivative.LineWidth = 1.5f;
            foreach (double v in y.Concat(dy).Where(double.IsFinite))
            {
                low = Math.Min(low, v);
                high = Math.Max(high, v);
            }
        }
        plot.Title("Activations (solid) and their derivatives (dashed)");
        plot.XLabel("x");
        plot.YLabel("f(x), f'(x)");
        // Outside the data area: with many activations an inside legend would cover the curves.
        plot.ShowLegend(Edge.Right);
        plot.Axes.SetLimitsX(x[0], x[^1]);
        if (double.IsFinite(low))
        {
            double pad = 0.05 * Math.Max(high - low, 1e-3);
            plot.Axes.SetLimitsY(Math.Max(YMin, low - pad), Math.Min(YMax, high + pad));
        }
        PngFile.Save(plot, path);
    }
}
