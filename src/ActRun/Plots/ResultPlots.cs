using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>
/// The plots of a result folder, drawn from its CSV files alone (so <c>actrun report</c> can rebuild them):
/// curves, final accuracy bars, gradient norm per layer, and decision regions for 2-D datasets.
/// </summary>
public static class ResultPlots
{
    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>Writes every plot the data allows into <paramref name="folder"/>; returns them for the report.</summary>
    public static IReadOnlyList<ReportPlot> WriteAll(string folder, IReadOnlyList<MetricRecord> metrics, IReadOnlyList<SummaryRecord> summary,
        IReadOnlyList<LayerRecord> layers, IReadOnlyList<RegionRecord> regions, IReadOnlyList<PointRecord> points)
    {
        var written = new List<ReportPlot>();
        var order = summary.Select(s => s.Activation).ToList();
        if (metrics.Count > 0)
        {
            Curves(Path.Combine(folder, "accuracy.png"), metrics, order, m => m.TrainAccuracy, m => m.TestAccuracy, "accuracy");
            written.Add(new("accuracy.png", "Accuracy per epoch: test solid, training dashed; the band spans the seeds' minimum to maximum."));
            Curves(Path.Combine(folder, "loss.png"), metrics, order, m => m.TrainLoss, m => m.TestLoss, "loss");
            written.Add(new("loss.png", "Loss per epoch: test solid, training dashed."));
            Bars(Path.Combine(folder, "final_accuracy.png"), metrics, order);
            written.Add(new("final_accuracy.png", "Final test accuracy per activation; error bars are one standard deviation over seeds."));
        }
        if (layers.Count > 0)
        {
            GradientNorms(Path.Combine(folder, "gradient_norms.png"), layers, order);
            written.Add(new("gradient_norms.png", "Gradient norm per layer in epoch 1 (log scale): where the gradient vanishes."));
        }
        foreach (var (activation, i) in order.Select((a, i) => (a, i)))
        {
            var grid = regions.Where(r => r.Activation == activation).ToList();
            if (grid.Count == 0 || !grid.Any(r => float.IsFinite(r.P))) continue;
            string file = $"regions_{i + 1}.png";
            DecisionRegions(Path.Combine(folder, file), activation, grid, points);
            written.Add(new(file, $"Decision regions of {activation} (first seed) over the test points."));
        }
        return written;
    }

    private static void Curves(string path, IReadOnlyList<MetricRecord> metrics, IReadOnlyList<string> order,
        Func<MetricRecord, double> train, Func<MetricRecord, double> test, string what)
    {
        var plot = new Plot();
        for (int i = 0; i < order.Count; i++)
        {
            // A diverged run's NaN or infinite epochs are left out: they have no place on the axis.
            var byEpoch = metrics.Where(m => m.Activation == order[i] && double.IsFinite(train(m)) && double.IsFinite(test(m)))
                .GroupBy(m => m.Epoch).OrderBy(g => g.Key).ToList();
            if (byEpoch.Count == 0) continue;
            double[] epochs = byEpoch.Select(g => (double)g.Key).ToArray();
            var color = Palette.GetColor(i);
            if (byEpoch.Any(g => g.Count() > 1))
            {
                var band = plot.Add.FillY(epochs, byEpoch.Select(g => g.Min(test)).ToArray(), byEpoch.Select(g => g.Max(test)).ToArray());
                band.FillColor = color.WithAlpha(0.2);
                band.LineWidth = 0;
            }
            var testLine = plot.Add.ScatterLine(epochs, byEpoch.Select(g => g.Average(test)).ToArray(), color);
            testLine.LegendText = order[i];
            testLine.LineWidth = 2;
            var trainLine = plot.Add.ScatterLine(epochs, byEpoch.Select(g => g.Average(train)).ToArray(), color);
            trainLine.LinePattern = LinePattern.Dashed;
        }
        plot.Title($"{char.ToUpperInvariant(what[0])}{what[1..]} per epoch (test solid, training dashed)");
        plot.XLabel("epoch");
        plot.YLabel(what);
        plot.ShowLegend(what == "loss" ? Alignment.UpperRight : Alignment.LowerRight);
        PngFile.Save(plot, path);
    }

    private static void Bars(string path, IReadOnlyList<MetricRecord> metrics, IReadOnlyList<string> order)
    {
        var plot = new Plot();
        var bars = new List<Bar>();
        for (int i = 0; i < order.Count; i++)
        {
            var finals = metrics.Where(m => m.Activation == order[i]).GroupBy(m => m.Seed).Select(g => g.MaxBy(m => m.Epoch)!.TestAccuracy)
                .Where(double.IsFinite).ToList();
            if (finals.Count == 0) continue;
            double std = Statistics.Variance(finals) is var v && double.IsFinite(v) ? Math.Sqrt(v) : 0;
            bars.Add(new Bar { Position = i, Value = finals.Average(), Error = std, FillColor = Palette.GetColor(i) });
        }
        plot.Add.Bars(bars);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, order.Count).Select(i => (double)i).ToArray(), order.ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = order.Count > 6 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = order.Count > 6 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.Title("Final test accuracy (error bars: one standard deviation over seeds)");
        plot.YLabel("test accuracy");
        plot.Axes.Margins(bottom: 0);
        PngFile.Save(plot, path);
    }

    private static void GradientNorms(string path, IReadOnlyList<LayerRecord> layers, IReadOnlyList<string> order)
    {
        var plot = new Plot();
        for (int i = 0; i < order.Count; i++)
        {
            var byLayer = layers.Where(l => l.Activation == order[i] && l.Epoch == 1 && l.GradNorm > 0 && double.IsFinite(l.GradNorm))
                .GroupBy(l => l.Layer).OrderBy(g => g.Key).ToList();
            if (byLayer.Count == 0) continue;
            var line = plot.Add.Scatter(byLayer.Select(g => (double)g.Key).ToArray(), byLayer.Select(g => Math.Log10(g.Average(l => l.GradNorm))).ToArray(), Palette.GetColor(i));
            line.LegendText = order[i];
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        int deepest = layers.Max(l => l.Layer);
        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, deepest).Select(i => (double)i).ToArray(),
            Enumerable.Range(1, deepest).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
        plot.Title("Gradient norm per layer, epoch 1");
        plot.XLabel("layer (1 = first hidden layer; last = output layer)");
        plot.YLabel("log10 of the mean gradient norm");
        plot.ShowLegend(Alignment.LowerRight);
        PngFile.Save(plot, path);
    }

    private static void DecisionRegions(string path, string activation, IReadOnlyList<RegionRecord> grid, IReadOnlyList<PointRecord> points)
    {
        ulong seed = grid.Min(r => r.Seed);
        var cells = grid.Where(r => r.Seed == seed).ToList();
        float[] xs = cells.Select(r => r.X1).Distinct().Order().ToArray();
        float[] ys = cells.Select(r => r.X2).Distinct().Order().ToArray();
        var values = new double[ys.Length, xs.Length];
        var column = xs.Select((x, i) => (x, i)).ToDictionary(t => t.x, t => t.i);
        var row = ys.Select((y, i) => (y, i)).ToDictionary(t => t.y, t => t.i);
        // Heatmap rows run top to bottom: the largest x2 first.
        foreach (var c in cells) values[ys.Length - 1 - row[c.X2], column[c.X1]] = c.P;
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new ScottPlot.Colormaps.Balance();
        heatmap.Extent = new CoordinateRect(xs[0], xs[^1], ys[0], ys[^1]);
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        foreach (int label in points.Select(p => p.Label).Distinct().Order())
        {
            var mine = points.Where(p => p.Label == label).ToList();
            var scatter = plot.Add.ScatterPoints(mine.Select(p => (double)p.X1).ToArray(), mine.Select(p => (double)p.X2).ToArray(),
                label == 0 ? Colors.Navy : Colors.DarkRed);
            scatter.MarkerSize = 4;
            scatter.LegendText = $"class {label}";
        }
        plot.Add.ColorBar(heatmap).Label = "p(class 1)";
        plot.Title($"Decision regions: {activation}");
        plot.XLabel("x1");
        plot.YLabel("x2");
        plot.Axes.SetLimits(xs[0], xs[^1], ys[0], ys[^1]);
        PngFile.Save(plot, path);
    }
}
