namespace ActRun.Core.Results;

/// <summary>A statistic of one variant's hidden activations through depth in one epoch: a band over seeds at each activation layer.</summary>
/// <param name="Epoch">The epoch, or null for each run's last epoch.</param>
public sealed record LayerProfile(string Variant, int? Epoch, IReadOnlyList<BandPoint> Points);

/// <summary>
/// One variant's 15th, 50th and 85th percentiles of the input to its last hidden layer's activation, per epoch: each
/// point the mean over seeds of the runs' percentiles, with their spread (<see cref="SeedBand"/>).
/// </summary>
/// <param name="Depth">The hidden layer the percentiles are of (1 = nearest the input): the variant's last.</param>
public sealed record InputPercentileCurves(string Variant, int Depth, IReadOnlyList<BandPoint> P15, IReadOnlyList<BandPoint> P50, IReadOnlyList<BandPoint> P85);

/// <summary>
/// The rows of layers.csv that hold what the hidden layers put out after their activation, numbered by depth, and
/// their statistics (mean, standard deviation, saturation) through depth: the picture Glorot &amp; Bengio and
/// Klambauer et al. draw of activations layer by layer.
/// </summary>
public static class LayerProfiles
{
    /// <summary>
    /// A run's activation layers in order, numbered 1, 2, … by hidden layer: for each dense layer but the last (the
    /// output layer), the last <c>act</c> layer before the next dense layer when there is one (after a normalization,
    /// say: the dense layer then puts out pre-activations), else the dense layer itself (a <c>dense(n), act</c> pair is
    /// one layer that applies the activation, as in the plain stack). Files of ActRun before model specs have no layer
    /// kind and only such dense layers.
    /// </summary>
    public static IReadOnlyList<(int Depth, LayerRecord Row)> ActivationLayers(IEnumerable<LayerRecord> oneRunEpoch)
    {
        var rows = oneRunEpoch.OrderBy(l => l.Layer).ToList();
        static bool IsDense(LayerRecord l) => l.LayerKind is "" or "dense";
        var chosen = new List<(int, LayerRecord)>();
        for (int i = 0; i < rows.Count; i++)
        {
            if (!IsDense(rows[i])) continue;
            int next = rows.FindIndex(i + 1, IsDense);
            if (next < 0) break;
            var act = rows.Skip(i + 1).Take(next - i - 1).LastOrDefault(l => l.LayerKind == "act");
            chosen.Add((chosen.Count + 1, act ?? rows[i]));
        }
        return chosen;
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

    /// <summary>
    /// For each variant of <paramref name="order"/> whose rows have them, the input percentiles (input_p15, input_p50,
    /// input_p85) of its last activation layer (<see cref="ActivationLayers"/>) at every epoch, averaged over seeds:
    /// Ioffe &amp; Szegedy's Figure 1(b, c). Rows without them (NaN, or files of ActRun before these columns) give none.
    /// </summary>
    public static IReadOnlyList<InputPercentileCurves> LastHiddenInputs(IReadOnlyList<LayerRecord> layers, IReadOnlyList<string> order)
    {
        var curves = new List<InputPercentileCurves>();
        var byVariant = layers.ToLookup(l => l.Activation);
        foreach (string variant in order)
        {
            var last = new List<(int Epoch, int Depth, LayerRecord Row)>();
            foreach (var epochOfRun in byVariant[variant].GroupBy(l => (l.RunId, l.Seed, l.Epoch)))
                if (ActivationLayers(epochOfRun).LastOrDefault() is { Row: not null } deepest)
                    last.Add((epochOfRun.Key.Epoch, deepest.Depth, deepest.Row));
            IReadOnlyList<BandPoint> Band(Func<LayerRecord, double> percentile) => SeedBand.Of(last.Select(l => ((double)l.Epoch, percentile(l.Row))));
            var p50 = Band(l => l.InputP50);
            if (p50.Count > 0) curves.Add(new(variant, last.Max(l => l.Depth), Band(l => l.InputP15), p50, Band(l => l.InputP85)));
        }
        return curves;
    }
}
