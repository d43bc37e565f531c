using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Results;

/// <summary>
/// A finished run of a sweep over depth: its series (its variant named without the swept layers), its number of hidden
/// dense layers, and its test scores at the reported epoch (the best on validation, else the last, as the summary's).
/// </summary>
public sealed record DepthRun(string Series, int Depth, ulong Seed, double TestAccuracy, double TestR2);

/// <summary>The points of a plot of a score against depth: one line per series, a band over the seeds at each depth.</summary>
public sealed record DepthSeries(string Series, IReadOnlyList<BandPoint> Points);

/// <summary>
/// Accuracy against depth (Misra's picture of networks of increasing depth): when a sweep of <c>model.hidden</c> or
/// <c>model.layers</c> gives the networks different numbers of hidden layers, the runs grouped into series that differ
/// in depth alone.
/// </summary>
public static class DepthSweep
{
    private static readonly string[] LayerKeys = ["model.hidden", "model.layers"];

    /// <summary>
    /// The finished runs as points of a depth sweep; none when no series has two depths, or when a series holds two
    /// variants of the same depth (two widths, as [10] and [100]: depth alone does not name them, so a line through
    /// them would mix them).
    /// </summary>
    public static IReadOnlyList<DepthRun> Runs(IReadOnlyList<(PlannedRun Run, RunResult Result)> runs)
    {
        var planned = runs.Select(r => (r.Run, r.Result, Series: Series(r.Run.Variant), Depth: r.Run.Settings.Model.Spec.DenseWidths.Count)).ToList();
        var bySeries = planned.GroupBy(p => p.Series).ToList();
        if (!bySeries.Any(s => s.Select(p => p.Depth).Distinct().Count() > 1)) return [];
        if (bySeries.Any(s => s.GroupBy(p => p.Depth).Any(d => d.Select(p => p.Run.Variant.Label).Distinct().Count() > 1))) return [];
        return planned.Where(p => p.Result.Finished && p.Result.Reported is not null).Select(p =>
        {
            var reported = p.Result.Reported!;
            return new DepthRun(p.Series, p.Depth, p.Run.Seed, reported.TestAccuracy, reported.TestR2);
        }).ToList();
    }

    /// <summary>One series per name in order of first appearance: <paramref name="score"/>'s mean and spread over the seeds at each depth.</summary>
    public static IReadOnlyList<DepthSeries> Bands(IReadOnlyList<DepthRun> runs, Func<DepthRun, double> score) =>
        runs.GroupBy(r => r.Series).Select(s => new DepthSeries(s.Key, SeedBand.Of(s.Select(r => ((double)r.Depth, score(r))))))
            .Where(s => s.Points.Count > 0).ToList();

    /// <summary>The variant's name without its swept layers, as <see cref="Variant.Label"/> names it (the activation when nothing else is swept).</summary>
    private static string Series(Variant variant)
    {
        var rest = variant.Values.Where(v => !LayerKeys.Contains(v.Key)).ToList();
        return rest.Count switch
        {
            0 => variant.Activation,
            1 => rest[0].Value,
            _ => string.Join(" ", rest.Select(v => $"{v.Column}={v.Value}")),
        };
    }
}
