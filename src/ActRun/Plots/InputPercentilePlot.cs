using System.Globalization;
using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>
/// The distribution of the input to the last hidden layer's activation over training: its 15th, 50th and 85th
/// percentiles after each epoch, one colour per variant (median solid, 15th and 85th dashed). Ioffe &amp; Szegedy's
/// Figure 1(b, c), which shows how the input to a sigmoid drifts without batch normalization and stays put with it.
/// </summary>
public static class InputPercentilePlot
{
    public const string File = "layer_input_percentiles.png";

    /// <summary>The plot, when layers.csv has the percentiles (input_p15, input_p50, input_p85) of some hidden layer; else null.</summary>
    public static ReportPlot? Write(string folder, IReadOnlyList<LayerRecord> layers, IReadOnlyList<string> order)
    {
        var curves = LayerProfiles.LastHiddenInputs(layers, order);
        if (curves.Count == 0) return null;
        // One epoch is one point per line: a marker shows it.
        bool markers = curves.All(c => c.P50.Count == 1);
        var plot = new Plot();
        for (int i = 0; i < order.Count; i++)
        {
            if (curves.FirstOrDefault(c => c.Variant == order[i]) is not { } curve) continue;
            var color = ResultPlots.Palette.GetColor(i);
            BandLine.Add(plot, curve.P85, color, null, band: false, dashed: true, markers: markers);
            BandLine.Add(plot, curve.P50, color, curve.Variant, band: false, markers: markers);
            BandLine.Add(plot, curve.P15, color, null, band: false, dashed: true, markers: markers);
        }
        var depths = curves.Select(c => c.Depth).Distinct().ToList();
        string layer = depths.Count == 1 ? $"hidden layer {depths[0].ToString(CultureInfo.InvariantCulture)} (the last)" : "the last hidden layer";
        plot.Title($"Input to the activation of {layer}\n(median solid, 15th and 85th percentiles dashed; mean over seeds)");
        plot.XLabel("epoch");
        plot.YLabel("activation input z (percentiles over the probe batch)");
        var epochs = curves.SelectMany(c => c.P50).Select(p => (int)p.X).ToList();
        ResultPlots.IntegerTicks(plot, epochs.Min(), epochs.Max());
        plot.ShowLegend(Edge.Right);
        PngFile.Save(plot, Path.Combine(folder, File));
        return new(File, "The 15th, 50th and 85th percentiles of the input to the last hidden layer's activation function (over the probe batch's " +
            "samples and the layer's units) after each epoch, one colour per variant: the median solid, the 15th and 85th dashed; each line " +
            "is the mean over seeds of the runs' percentiles. Ioffe & Szegedy's Figure 1(b, c).");
    }
}
