using System.Globalization;
using ActRun.Core.Results;
using ScottPlot;

namespace ActRun.Plots;

/// <summary>
/// The critical-difference diagram of Demšar (2006): the variants' average ranks over the datasets on an axis
/// (1 = best, on the left), the Nemenyi critical difference as a bar above it, and a thick line under every group
/// of variants whose ranks differ by less than it (not shown to differ).
/// </summary>
public static class CriticalDifferencePlot
{
    public const string File = ResultFolder.CriticalDifferenceFile;

    public static void Write(string path, AcrossDatasets across)
    {
        var f = across.Friedman;
        int k = across.Variants.Count;
        var plot = new Plot();
        plot.HideAxesAndGrid();
        Segment(plot, 1, 0, k, 0, 2);
        for (int r = 1; r <= k; r++)
        {
            Segment(plot, r, 0, r, 0.12, 1.5f);
            Text(plot, r.ToString(CultureInfo.InvariantCulture), r, 0.16, Alignment.LowerCenter, 14);
        }
        if (double.IsFinite(f.CriticalDifference))
        {
            double cd = f.CriticalDifference;
            Segment(plot, 1, 0.75, 1 + cd, 0.75, 2);
            Segment(plot, 1, 0.68, 1, 0.82, 2);
            Segment(plot, 1 + cd, 0.68, 1 + cd, 0.82, 2);
            Text(plot, string.Create(CultureInfo.InvariantCulture, $"CD = {cd:0.00}"), 1 + cd / 2, 0.86, Alignment.LowerCenter, 14);
        }
        // Each variant: a drop from its rank to its own row, then out to its label (the better half left, the rest right).
        int half = (k + 1) / 2;
        for (int i = 0; i < k; i++)
        {
            double rank = f.AverageRanks[i];
            bool left = i < half;
            int row = left ? i : k - 1 - i;
            double y = -0.55 - 0.35 * row;
            double end = left ? 0.6 : k + 0.4;
            Segment(plot, rank, 0, rank, y, 1.5f);
            Segment(plot, rank, y, end, y, 1.5f);
            string label = string.Create(CultureInfo.InvariantCulture, $"{across.Variants[i]} ({rank:0.00})");
            Text(plot, label, left ? end - 0.05 : end + 0.05, y, left ? Alignment.MiddleRight : Alignment.MiddleLeft, 14);
        }
        // Groups not shown to differ: maximal runs of ranks within the critical difference (none when Friedman does not reject, all one group).
        var cliques = Cliques(f.AverageRanks, f.ImanDavenportP < Comparisons.Alpha ? f.CriticalDifference : double.PositiveInfinity);
        for (int c = 0; c < cliques.Count; c++)
        {
            var (from, to) = cliques[c];
            double y = -0.18 - 0.12 * c;
            Segment(plot, f.AverageRanks[from] - 0.03, y, f.AverageRanks[to] + 0.03, y, 5);
        }
        static string P(double p) => p < 0.001 ? "p < 0.001" : string.Create(CultureInfo.InvariantCulture, $"p = {p:0.000}");
        plot.Title($"Average rank over {f.Datasets} datasets (Friedman {P(f.P)}, Iman–Davenport {P(f.ImanDavenportP)})");
        double bottom = -0.55 - 0.35 * Math.Max(half, 1) - 0.2;
        double textRoom = across.Variants.Max(v => v.Length) * 0.09 + 0.8;
        plot.Axes.SetLimits(1 - textRoom, k + textRoom, bottom, 1.2);
        PngFile.Save(plot, path, 900, Math.Max(360, 200 + 45 * half));
    }

    /// <summary>Maximal index ranges [from, to] of the sorted ranks whose spread is at most <paramref name="cd"/>, with two or more members.</summary>
    public static IReadOnlyList<(int From, int To)> Cliques(IReadOnlyList<double> sortedRanks, double cd)
    {
        var groups = new List<(int, int)>();
        int lastTo = -1;
        for (int from = 0; from < sortedRanks.Count; from++)
        {
            int to = from;
            while (to + 1 < sortedRanks.Count && sortedRanks[to + 1] - sortedRanks[from] <= cd) to++;
            if (to > from && to > lastTo) groups.Add((from, to));
            lastTo = Math.Max(lastTo, to);
        }
        return groups;
    }

    private static void Segment(Plot plot, double x1, double y1, double x2, double y2, float width)
    {
        var line = plot.Add.Line(x1, y1, x2, y2);
        line.LineColor = Colors.Black;
        line.LineWidth = width;
        line.MarkerSize = 0;
    }

    private static void Text(Plot plot, string text, double x, double y, Alignment alignment, float size)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelAlignment = alignment;
        label.LabelFontSize = size;
    }
}
