using System.Globalization;
using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>
/// The report's pictures through depth, drawn whenever the data allows: each hidden layer's activation statistics
/// against its depth (Glorot &amp; Bengio's and Klambauer et al.'s picture), and the test score against the number of
/// hidden layers when the sweep varies it (Misra's). Every line is a mean over seeds with the band from their minimum
/// to their maximum.
/// </summary>
public static class DepthPlots
{
    public const string MeanFile = "layer_mean.png", StdFile = "layer_std.png", SaturationFile = "layer_saturation.png";
    public const string AccuracyFile = "depth_accuracy.png", R2File = "depth_r2.png";

    /// <param name="Fraction">A share: the axis runs from 0 to 1.</param>
    /// <param name="Spread">A positive scale that may span decades (a deep network's deviation can grow 100-fold): a log axis then.</param>
    private sealed record Statistic(string File, Func<LayerRecord, double> Value, string Title, string Axis, string Caption,
        bool Fraction = false, bool Spread = false);

    /// <summary>The widest ratio of values a linear axis shows before small values flatten into one line.</summary>
    private const double LinearRatio = 20;

    private static readonly Statistic[] Statistics =
    [
        new(MeanFile, l => l.ActivationMean, "Mean activation by hidden layer", "mean of the layer's activations",
            "Mean of each hidden layer's activations (after the activation function, on the probe batch) against depth"),
        new(StdFile, l => l.ActivationStd, "Standard deviation of the activations by hidden layer", "standard deviation of the layer's activations",
            "Standard deviation of each hidden layer's activations (on the probe batch) against depth", Spread: true),
        new(SaturationFile, l => l.SaturatedFraction, "Saturated share by hidden layer", "share of saturated pre-activations",
            "Share of each hidden layer's pre-activations where the derivative is below 5% of its maximum (relu's negative side counts) against depth", Fraction: true),
    ];

    /// <summary>The three plots of the activation layers through depth; none when no run has two hidden layers with activations.</summary>
    public static IReadOnlyList<ReportPlot> LayerStatistics(string folder, IReadOnlyList<LayerRecord> layers, IReadOnlyList<string> order)
    {
        var plots = new List<ReportPlot>();
        if (layers.Count == 0) return plots;
        bool epochs = layers.Max(l => l.Epoch) > 1;
        foreach (var statistic in Statistics)
        {
            var last = LayerProfiles.Of(layers, order, null, statistic.Value);
            int deepest = last.SelectMany(p => p.Points).Select(p => (int)p.X).DefaultIfEmpty(0).Max();
            if (deepest < 2) continue;
            var first = epochs ? LayerProfiles.Of(layers, order, 1, statistic.Value) : [];
            bool log = statistic.Spread && IsWide(last.Concat(first).SelectMany(p => p.Points).ToList());
            Func<IReadOnlyList<BandPoint>, IReadOnlyList<BandPoint>> scale = log ? Log10 : points => points;
            var plot = new Plot();
            foreach (var profile in last)
            {
                var color = ResultPlots.Palette.GetColor(IndexOf(order, profile.Variant));
                BandLine.Add(plot, scale(profile.Points), color, profile.Variant, markers: true);
                if (first.FirstOrDefault(p => p.Variant == profile.Variant) is { } start)
                    BandLine.Add(plot, scale(start.Points), color, null, band: false, dashed: true);
            }
            if (log) LogTicks(plot);
            bool banded = last.Any(p => p.Points.Any(b => b.N > 1));
            string how = (epochs ? "last epoch solid, epoch 1 dashed" : "after epoch 1") + (banded ? "; band: seeds' min to max" : "");
            plot.Title($"{statistic.Title}\n({how})");
            plot.XLabel("hidden layer (1 = nearest the input)");
            plot.YLabel(log ? statistic.Axis + " (log scale)" : statistic.Axis);
            ResultPlots.IntegerTicks(plot, 1, deepest);
            if (statistic.Fraction) plot.Axes.SetLimitsY(-0.02, 1.02);
            plot.ShowLegend(Edge.Right);
            PngFile.Save(plot, Path.Combine(folder, statistic.File));
            plots.Add(new(statistic.File, $"{statistic.Caption}: mean over seeds, {how}."));
        }
        return plots;
    }

    /// <summary>
    /// The test accuracy (R² for a regression) against the number of hidden layers, one line per series; null when the
    /// experiment does not sweep depth (<see cref="DepthSweep.Runs"/> is empty).
    /// </summary>
    public static ReportPlot? ScoreByDepth(string folder, IReadOnlyList<DepthRun> runs)
    {
        bool accuracy = runs.Any(r => double.IsFinite(r.TestAccuracy));
        var series = DepthSweep.Bands(runs, accuracy ? r => r.TestAccuracy : r => r.TestR2);
        if (series.Count == 0) return null;
        var plot = new Plot();
        for (int i = 0; i < series.Count; i++)
            BandLine.Add(plot, series[i].Points, ResultPlots.Palette.GetColor(i), series[i].Series, markers: true);
        bool banded = series.Any(s => s.Points.Any(p => p.N > 1));
        string what = accuracy ? "Test accuracy" : "Test R²", band = banded ? "; band: seeds' min to max" : "";
        plot.Title($"{what} against depth (mean over seeds{band})");
        plot.XLabel("hidden layers");
        plot.YLabel(accuracy ? "test accuracy" : "R²");
        double[] depths = series.SelectMany(s => s.Points).Select(p => p.X).Distinct().Order().ToArray();
        plot.Axes.Bottom.SetTicks(depths, depths.Select(d => d.ToString(CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Edge.Right);
        string file = accuracy ? AccuracyFile : R2File;
        PngFile.Save(plot, Path.Combine(folder, file));
        return new(file, $"{what} against the number of hidden layers, one line per variant without its depth: mean over seeds at each run's reported epoch{band}.");
    }

    /// <summary>Whether positive values span more than <see cref="LinearRatio"/> (a zero or negative value keeps the axis linear).</summary>
    public static bool IsWide(IReadOnlyList<BandPoint> points)
    {
        var values = points.SelectMany(p => new[] { p.Min, p.Mean, p.Max }).Where(double.IsFinite).ToList();
        return values.Count > 0 && values.Min() > 0 && values.Max() / values.Min() > LinearRatio;
    }

    private static IReadOnlyList<BandPoint> Log10(IReadOnlyList<BandPoint> points) =>
        points.Select(p => p with { Mean = Math.Log10(p.Mean), Min = Math.Log10(p.Min), Max = Math.Log10(p.Max) }).ToList();

    /// <summary>Ticks at the powers of ten of log10 values, labelled with the values themselves, as ScottPlot's log-scale recipe does.</summary>
    private static void LogTicks(Plot plot) =>
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G3", CultureInfo.InvariantCulture),
        };

    private static int IndexOf(IReadOnlyList<string> order, string variant)
    {
        for (int i = 0; i < order.Count; i++) if (order[i] == variant) return i;
        return 0;
    }
}
