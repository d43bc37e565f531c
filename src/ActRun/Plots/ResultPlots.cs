using System.Globalization;
using ActRun.Core.Activations;
using ActRun.Core.Results;
using ScottPlot;
using SkiaSharp;

namespace ActRun.Plots;

/// <summary>
/// The plots of a result folder, drawn from its CSV files alone (so <c>actrun report</c> can rebuild them): curves per
/// epoch with the seeds' band, final scores as bars zoomed to the data with their values and 95% intervals, the score
/// against depth and each hidden layer's activation statistics through depth (<see cref="DepthPlots"/>), the percentiles of the
/// last hidden layer's activation input over training (<see cref="InputPercentilePlot"/>), gradient norm per layer,
/// decision regions for 2-D datasets (one file per variant and all of them side by side), and the compared
/// activations with their derivatives. A classification gets accuracy plots; a regression gets RMSE and R² instead.
/// Legends sit outside the data area, so they never cover a curve.
/// </summary>
public static class ResultPlots
{
    internal static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    /// <summary>The size of one variant's tile in <see cref="ResultFolder.RegionsGridFile"/>.</summary>
    public const int TileWidth = 360, TileHeight = 380;

    /// <summary>Writes every plot the data allows into <paramref name="folder"/>; returns them for the report.</summary>
    public static IReadOnlyList<ReportPlot> WriteAll(string folder, ReportData data)
    {
        var (metrics, summary, layers) = (data.Metrics, data.Summary, data.Layers);
        var written = new List<ReportPlot>();
        var order = summary.Select(s => s.Activation).ToList();
        bool accuracy = metrics.Any(m => double.IsFinite(m.TestAccuracy));
        bool regression = metrics.Any(m => m.TestRmse is double v && double.IsFinite(v));
        if (metrics.Count > 0)
        {
            if (accuracy)
            {
                Curves(Path.Combine(folder, "accuracy.png"), metrics, order, m => m.TrainAccuracy, m => m.TestAccuracy, "Accuracy", "accuracy");
                written.Add(new("accuracy.png", "Accuracy per epoch: test solid, training dashed; the band spans the seeds' minimum to maximum."));
            }
            Curves(Path.Combine(folder, "loss.png"), metrics, order, m => m.TrainLoss, m => m.TestLoss, "Loss", regression && !accuracy ? "loss (mean squared error)" : "loss");
            written.Add(new("loss.png", "Loss per epoch: test solid, training dashed; the band spans the seeds' minimum to maximum of the test loss."));
            Curves(Path.Combine(folder, "train_loss.png"), metrics, order, null, m => m.TrainLoss, "Training loss", "training loss");
            written.Add(new("train_loss.png", "Training loss per epoch, mean over seeds; the band spans the seeds' minimum to maximum."));
            if (accuracy && metrics.Any(m => m.ValAccuracy is double v && double.IsFinite(v)))
            {
                Curves(Path.Combine(folder, "val_accuracy.png"), metrics, order, null, m => m.ValAccuracy ?? double.NaN, "Validation accuracy", "validation accuracy");
                written.Add(new("val_accuracy.png", "Accuracy on the validation split per epoch, mean over seeds; the band spans the seeds' minimum to maximum."));
            }
            if (regression)
            {
                Curves(Path.Combine(folder, "rmse.png"), metrics, order, null, m => m.TestRmse ?? double.NaN, "Test RMSE", "root mean squared error");
                written.Add(new("rmse.png", "Test RMSE per epoch (lower is better); the band spans the seeds' minimum to maximum."));
            }
        }
        if (accuracy && Bars(Path.Combine(folder, "final_accuracy.png"), summary, r => r.TestAccuracy, r => r.TestAccuracyCi95High,
                "Test accuracy at the reported epoch", "test accuracy", ceiling: 1))
            written.Add(new("final_accuracy.png", "Test accuracy per variant at each run's reported epoch (the best on the validation split, else the last), mean over seeds (the value on each bar); whiskers are the 95% confidence interval of the mean. The axis is zoomed to the data: compare the bar tops, not their lengths."));
        if (regression && Bars(Path.Combine(folder, "final_r2.png"), summary, r => r.TestR2 ?? double.NaN, r => r.TestR2Ci95High,
                "Test R² at the reported epoch", "R² (1 = perfect, 0 = predicting the mean)", ceiling: 1))
            written.Add(new("final_r2.png", "Test R² per variant at each run's reported epoch (the best on the validation split, else the last), mean over seeds (the value on each bar); whiskers are the 95% confidence interval of the mean. The axis is zoomed to the data."));
        if (DepthPlots.ScoreByDepth(folder, data.Depths) is { } byDepth) written.Add(byDepth);
        if (layers.Count > 0)
        {
            GradientNorms(Path.Combine(folder, "gradient_norms.png"), layers, order);
            written.Add(new("gradient_norms.png", "Gradient norm per layer in epoch 1 (log scale): where the gradient vanishes."));
        }
        written.AddRange(DepthPlots.LayerStatistics(folder, layers, order));
        if (InputPercentilePlot.Write(folder, layers, order) is { } inputs) written.Add(inputs);
        written.AddRange(Regions(folder, order, data.Regions, data.Points));
        if (Activations(Path.Combine(folder, "activations.png"), data.Activations))
            written.Add(new("activations.png", "The compared activations f (solid) and their derivatives f′ (dashed, same colour)."));
        return written;
    }

    private static IEnumerable<ReportPlot> Regions(string folder, IReadOnlyList<string> order, IReadOnlyList<RegionRecord> regions, IReadOnlyList<PointRecord> points)
    {
        var files = ResultFolder.RegionsFiles(order);
        var drawn = new List<(string Activation, IReadOnlyList<RegionRecord> Grid)>();
        var plots = new List<ReportPlot>();
        for (int i = 0; i < order.Count; i++)
        {
            var grid = regions.Where(r => r.Activation == order[i]).ToList();
            if (grid.Count == 0 || !grid.Any(r => float.IsFinite(r.P))) continue;
            var plot = DecisionRegions(order[i], grid, points, tile: false);
            // Square data area (the colour bar at the side, the legend below): x1 and x2 keep the same scale.
            PngFile.Save(plot, Path.Combine(folder, files[i]), 760, 720);
            plots.Add(new(files[i], $"Decision regions of {order[i]} (first seed) over the test points."));
            drawn.Add((order[i], grid));
        }
        if (drawn.Count > 0)
        {
            RegionsGrid(Path.Combine(folder, ResultFolder.RegionsGridFile), drawn, points);
            plots.Insert(0, new(ResultFolder.RegionsGridFile, "Decision regions of every variant side by side (first seed; blue: class 0, red: class 1), as TensorFlow Playground shows them."));
        }
        return plots;
    }

    /// <summary>How many tiles a row of the regions grid holds: all of up to four variants, else about a square.</summary>
    public static int GridColumns(int count) => count <= 4 ? Math.Max(count, 1) : (int)Math.Ceiling(Math.Sqrt(count));

    private static void RegionsGrid(string path, IReadOnlyList<(string Activation, IReadOnlyList<RegionRecord> Grid)> drawn, IReadOnlyList<PointRecord> points)
    {
        int columns = GridColumns(drawn.Count), rows = (drawn.Count + columns - 1) / columns;
        using var surface = SKSurface.Create(new SKImageInfo(columns * TileWidth, rows * TileHeight));
        surface.Canvas.Clear(SKColors.White);
        for (int i = 0; i < drawn.Count; i++)
        {
            byte[] png = DecisionRegions(drawn[i].Activation, drawn[i].Grid, points, tile: true).GetImageBytes(TileWidth, TileHeight, ImageFormat.Png);
            using var tile = SKBitmap.Decode(png);
            surface.Canvas.DrawBitmap(tile, i % columns * TileWidth, i / columns * TileHeight);
        }
        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, stream => encoded.SaveTo(stream));
    }

    private static bool Activations(string path, IReadOnlyList<string> specs)
    {
        var activations = new List<Activation>();
        foreach (string spec in specs)
        {
            // A folder's config names activations this version may not know (a newer one's): they are left out.
            try { activations.Add(ActivationRegistry.Create(spec)); }
            catch (Core.ConfigException) { }
        }
        if (activations.Count == 0) return false;
        ActivationPlot.Save(path, activations, ActivationCatalog.Range("-5:5:0.01"));
        return true;
    }

    private static void Curves(string path, IReadOnlyList<MetricRecord> metrics, IReadOnlyList<string> order,
        Func<MetricRecord, double>? train, Func<MetricRecord, double> test, string title, string what)
    {
        var plot = new Plot();
        bool banded = false;
        for (int i = 0; i < order.Count; i++)
        {
            var mine = metrics.Where(m => m.Activation == order[i]).ToList();
            var testBand = SeedBand.Of(mine.Select(m => ((double)m.Epoch, test(m))));
            if (testBand.Count == 0) continue;
            var color = Palette.GetColor(i);
            BandLine.Add(plot, testBand, color, order[i]);
            banded |= testBand.Any(p => p.N > 1);
            if (train is not null) BandLine.Add(plot, SeedBand.Of(mine.Select(m => ((double)m.Epoch, train(m)))), color, null, band: false, dashed: true);
        }
        string band = banded ? "; band: seeds' min to max" : "";
        plot.Title(train is null ? $"{title} per epoch (mean over seeds{band})" : $"{title} per epoch (test solid, training dashed{band})");
        plot.XLabel("epoch");
        plot.YLabel(what);
        EpochTicks(plot, metrics);
        plot.ShowLegend(Edge.Right);
        PngFile.Save(plot, path);
    }

    /// <summary>Whole epochs on the x axis.</summary>
    private static void EpochTicks(Plot plot, IReadOnlyList<MetricRecord> metrics) =>
        IntegerTicks(plot, metrics.Min(m => m.Epoch), metrics.Max(m => m.Epoch));

    /// <summary>Whole-number ticks from <paramref name="first"/> to <paramref name="last"/> on the x axis (<see cref="PlotAxes.IntegerTicks"/>): epochs, layers.</summary>
    internal static void IntegerTicks(Plot plot, int first, int last)
    {
        var ticks = PlotAxes.IntegerTicks(first, last);
        plot.Axes.Bottom.SetTicks(ticks.Select(t => (double)t).ToArray(), ticks.Select(t => t.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>
    /// Bars of a final score per variant, zoomed to the data (<see cref="PlotAxes.BarLimits"/>), the mean written on
    /// each, whiskers for the 95% interval of the mean (cut at <paramref name="ceiling"/>, the best score possible: with
    /// two seeds Student's t reaches far past it); false when no variant has a score.
    /// </summary>
    private static bool Bars(string path, IReadOnlyList<SummaryRecord> summary, Func<SummaryRecord, double> value, Func<SummaryRecord, double?> ciHigh,
        string title, string what, double ceiling)
    {
        var shown = summary.Select((row, i) => (row, i)).Where(t => double.IsFinite(value(t.row))).ToList();
        if (shown.Count == 0) return false;
        var means = shown.Select(t => value(t.row)).ToList();
        var errors = shown.Select(t => ciHigh(t.row) is double high && double.IsFinite(high) ? high - value(t.row) : 0).ToList();
        var lows = means.Select((m, k) => m - errors[k]).ToList();
        var highs = means.Select((m, k) => Math.Min(m + errors[k], Math.Max(ceiling, m))).ToList();
        var (bottom, top) = PlotAxes.BarLimits(means, lows, highs);
        var plot = new Plot();
        plot.Add.Bars(shown.Select((t, k) => new Bar { Position = k, Value = means[k], ValueBase = bottom, FillColor = Palette.GetColor(t.i) }).ToList());
        for (int k = 0; k < shown.Count; k++)
        {
            if (errors[k] > 0)
            {
                // Drawn within the axis; an end past the edge has no cap (the interval goes on).
                Whisker(plot, k, Math.Max(lows[k], bottom), Math.Min(highs[k], top), null);
                if (lows[k] >= bottom) Whisker(plot, k, lows[k], lows[k], lows[k]);
                if (highs[k] <= top) Whisker(plot, k, highs[k], highs[k], highs[k]);
            }
            // The value sits on the top of its bar, over the whisker, on a light box.
            var label = plot.Add.Text(means[k].ToString("F4", CultureInfo.InvariantCulture), k, means[k]);
            label.LabelAlignment = Alignment.UpperCenter;
            label.LabelFontSize = shown.Count > 6 ? 12 : 14;
            label.LabelBold = true;
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.85);
            label.OffsetY = 4;
        }
        string[] names = shown.Select(t => t.row.Activation).ToArray();
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, shown.Count).Select(k => (double)k).ToArray(), names);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        bool tilt = shown.Count > 6 || names.Sum(n => n.Length) > 60;
        if (tilt)
        {
            // Slanted names need the room below the axis that ScottPlot does not measure for them.
            plot.Axes.Bottom.TickLabelStyle.Rotation = 30;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.UpperLeft;
            plot.Axes.Bottom.MinimumSize = 20 + 5 * Math.Min(names.Max(n => n.Length), 30);
        }
        plot.Title(errors.Any(e => e > 0) ? $"{title} (whiskers: 95% CI of the mean over seeds)" : $"{title} (one seed each: no interval)");
        plot.YLabel(what);
        plot.Axes.SetLimits(-0.6, shown.Count - 0.4, bottom, top);
        PngFile.Save(plot, path);
        return true;
    }

    /// <summary>A vertical whisker from <paramref name="from"/> to <paramref name="to"/> at x, or its cap at <paramref name="cap"/>.</summary>
    private static void Whisker(Plot plot, double x, double from, double to, double? cap)
    {
        var line = cap is double y ? plot.Add.Line(x - 0.15, y, x + 0.15, y) : plot.Add.Line(x, from, x, to);
        line.LineColor = Colors.Black;
        line.LineWidth = 1.5f;
        line.MarkerSize = 0;
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
            line.LegendText = LegendLabel.Short(order[i]);
            line.LineWidth = 2;
            line.MarkerSize = 7;
        }
        int deepest = layers.Max(l => l.Layer);
        // Under each number the layer's kind when there is more than dense layers (a norm's γ gradient is a point too),
        // where every variant has the same kind there.
        var kinds = layers.Where(l => l.LayerKind.Length > 0).GroupBy(l => l.Layer)
            .Where(g => g.Select(l => l.LayerKind).Distinct().Count() == 1).ToDictionary(g => g.Key, g => g.First().LayerKind);
        bool showKinds = kinds.Values.Any(k => k != "dense");
        plot.Axes.Bottom.SetTicks(Enumerable.Range(1, deepest).Select(i => (double)i).ToArray(),
            Enumerable.Range(1, deepest).Select(i => i.ToString(CultureInfo.InvariantCulture) + (showKinds && kinds.TryGetValue(i, out var k) ? "\n" + k : "")).ToArray());
        plot.Title("Gradient norm per layer, epoch 1");
        plot.XLabel(showKinds ? "layer (last = output layer)" : "layer (1 = first hidden layer; last = output layer)");
        plot.YLabel("log10 of the mean gradient norm");
        plot.ShowLegend(Edge.Right);
        PngFile.Save(plot, path);
    }

    /// <param name="tile">A tile of the side-by-side grid: the variant as the title, no colour bar or axis labels.</param>
    private static Plot DecisionRegions(string activation, IReadOnlyList<RegionRecord> grid, IReadOnlyList<PointRecord> points, bool tile)
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
        // Pale regions, saturated points: the points stay readable on either class's colour.
        heatmap.Opacity = 0.6;
        foreach (int label in points.Select(p => p.Label).Distinct().Order())
        {
            var mine = points.Where(p => p.Label == label).ToList();
            var scatter = plot.Add.ScatterPoints(mine.Select(p => (double)p.X1).ToArray(), mine.Select(p => (double)p.X2).ToArray(),
                label == 0 ? Colors.Navy : Colors.DarkRed);
            // A light rim keeps a point visible on the region of its own class (TensorFlow Playground's look).
            scatter.MarkerSize = tile ? 5 : 6;
            scatter.MarkerLineColor = Colors.White;
            scatter.MarkerLineWidth = 1;
            scatter.LegendText = $"class {label}";
        }
        if (tile)
        {
            plot.Title(activation);
            plot.HideLegend();
        }
        else
        {
            plot.Add.ColorBar(heatmap).Label = "p(class 1)";
            plot.Title($"Decision regions: {activation}");
            plot.XLabel("x1");
            plot.YLabel("x2");
            plot.ShowLegend(Edge.Bottom);
        }
        plot.Axes.SetLimits(xs[0], xs[^1], ys[0], ys[^1]);
        plot.HideGrid();
        return plot;
    }
}
