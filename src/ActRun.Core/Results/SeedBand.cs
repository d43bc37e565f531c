namespace ActRun.Core.Results;

/// <summary>
/// One point of a curve drawn over seeds: at <see cref="X"/> (an epoch, a layer, a depth) the mean of the runs' values,
/// their minimum and maximum (the band a report's plots shade) and their sample standard deviation (NaN for one run).
/// </summary>
public sealed record BandPoint(double X, double Mean, double Min, double Max, double Std, int N);

/// <summary>The mean and spread over seeds at each x, for the curves and bands of a report's plots.</summary>
public static class SeedBand
{
    /// <summary>
    /// One point per distinct x, in increasing x, over the finite values there: a diverged run's NaN or infinite value
    /// has no place on an axis, and an x with no finite value has no point.
    /// </summary>
    public static IReadOnlyList<BandPoint> Of(IEnumerable<(double X, double Value)> values) =>
        values.Where(v => double.IsFinite(v.Value)).GroupBy(v => v.X).OrderBy(g => g.Key).Select(g =>
        {
            var at = g.Select(v => v.Value).ToList();
            return new BandPoint(g.Key, at.Average(), at.Min(), at.Max(), Math.Sqrt(Statistics.Variance(at)), at.Count);
        }).ToList();
}
