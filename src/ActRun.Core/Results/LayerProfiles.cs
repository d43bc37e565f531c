namespace ActRun.Core.Results;

/// <summary>A statistic of one variant's hidden activations through depth in one epoch: a band over seeds at each activation layer.</summary>
/// <param name="Epoch">The epoch, or null for each run's last epoch.</param>
public sealed record LayerProfile(string Variant, int? Epoch, IReadOnlyList<BandPoint> Points);

/// <summary>
/// The rows of layers.csv that hold what the hidden layers put out after their activation, numbered by depth, and
/// their statistics (mean, standard deviation, saturation) through depth: the picture Glorot &amp; Bengio and
/// Klambauer et al. draw of activations layer by layer.
/// </summary>
public static class LayerProfiles
{
    /// <summary>
    /// A run's activation layers in order, numbered 1, 2, …: its <c>act</c> layers when it has any (a model spec, or
    /// <c>hidden</c> with <c>norm</c> or <c>dropout</c>, where a dense layer puts out its pre-activations); else every dense
    /// layer but the last, which is the output layer (the plain stack, each dense layer with its activation; files of
    /// ActRun before model specs have no layer kind and only such layers).
    /// </summary>
    public static IReadOnlyList<(int Depth, LayerRecord Row)> ActivationLayers(IEnumerable<LayerRecord> oneRunEpoch)
    {
        var rows = oneRunEpoch.OrderBy(l => l.Layer).ToList();
        var chosen = rows.Any(l => l.LayerKind == "act")
            ? rows.Where(l => l.LayerKind == "act")
            : rows.Where(l => l.LayerKind is "" or "dense").SkipLast(1);
        return chosen.Select((row, i) => (i + 1, row)).ToList();
    }

    /// <summary>
    /// For each variant of <paramref name="order"/> with rows, <paramref name="statistic"/> of its activation layers at
    /// <paramref name="epoch"/> (null: each run's last epoch; a run without that epoch is left out), with its mean and
    /// spread over the seeds at each depth.
    /// </summary>
    public static IReadOnlyList<LayerProfile> Of(IReadOnlyList<LayerRecord> layers, IReadOnlyList<string> order, int? epoch, Func<LayerRecord, double> statistic)
    {
        var profiles = new List<LayerProfile>();
        var byVariant = layers.ToLookup(l => l.Activation);
        foreach (string variant in order)
        {
            var values = new List<(double, double)>();
            foreach (var run in byVariant[variant].GroupBy(l => (l.RunId, l.Seed)))
            {
                int at = epoch ?? run.Max(l => l.Epoch);
                values.AddRange(ActivationLayers(run.Where(l => l.Epoch == at)).Select(d => ((double)d.Depth, statistic(d.Row))));
            }
            var points = SeedBand.Of(values);
            if (points.Count > 0) profiles.Add(new LayerProfile(variant, epoch, points));
        }
        return profiles;
    }
}
