using System.Globalization;

namespace ActRun.Core.Results;

/// <summary>
/// The diagnostics in plain sentences, computed from a result folder's numbers: what diverged, where gradients
/// vanish, where units die. Which variant is better is the verdict table (<see cref="Comparisons"/>).
/// </summary>
public static class Verdicts
{
    public static IReadOnlyList<string> From(IReadOnlyList<SummaryRecord> summary, IReadOnlyList<LayerRecord> layers)
    {
        var verdicts = new List<string>();
        verdicts.AddRange(Failures(summary));
        verdicts.AddRange(Gradients(summary, layers));
        verdicts.AddRange(DeadUnits(layers));
        return verdicts;
    }

    private static IEnumerable<string> Failures(IReadOnlyList<SummaryRecord> summary) =>
        summary.Where(s => s.RunsDiverged > 0).Select(s =>
            $"{s.Activation} {s.Status}: the loss became NaN or infinite or grew past the divergence bound, so training stopped there" +
            (s.RunsFinished > 0 ? $"; its means are over the {s.RunsFinished} run(s) that finished." : "."));

    /// <summary>First-layer gradient in epoch 1 against the best activation's, and the decay with depth.</summary>
    private static IEnumerable<string> Gradients(IReadOnlyList<SummaryRecord> summary, IReadOnlyList<LayerRecord> layers)
    {
        if (layers.Count == 0 || summary.Count == 0) yield break;
        // Kernel gradients only (a normalization's γ is another quantity); files before model specs have only dense layers.
        var firstEpoch = layers.Where(l => l.Epoch == 1 && l.LayerKind is "" or "dense").ToList();
        double FirstLayer(string activation) =>
            Statistics.Mean(firstEpoch.Where(l => l.Activation == activation && l.Layer == 1).Select(l => l.GradNorm).ToList());
        var reference = summary.Where(s => s.Status == "ok").OrderByDescending(s => s.TestAccuracy).FirstOrDefault();
        if (reference is null) yield break;
        double referenceGrad = FirstLayer(reference.Activation);
        var hidden = firstEpoch.Select(l => l.Layer).Distinct().Order().SkipLast(1).ToList();
        int lastHidden = hidden.Count == 0 ? 0 : hidden[^1];
        foreach (var row in summary.Where(s => s.Activation != reference.Activation))
        {
            double grad = FirstLayer(row.Activation);
            if (double.IsFinite(grad) && referenceGrad > 0 && grad < referenceGrad / 2)
                yield return $"{row.Activation}'s first layer receives {Ratio(grad / referenceGrad)} of the gradient that {reference.Activation}'s does (epoch 1).";
        }
        if (hidden.Count < 3) yield break;
        foreach (var row in summary)
        {
            double first = FirstLayer(row.Activation);
            double last = Statistics.Mean(firstEpoch.Where(l => l.Activation == row.Activation && l.Layer == lastHidden).Select(l => l.GradNorm).ToList());
            if (first > 0 && last > 0 && first < last / 10)
                yield return $"In {row.Activation}'s network the gradient shrinks {Ratio(last / first)} from hidden layer {lastHidden} back to layer 1 (epoch 1): vanishing gradients.";
        }
    }

    /// <summary>One sentence per activation: the layers where at least a tenth of the units died, by the last epoch.</summary>
    private static IEnumerable<string> DeadUnits(IReadOnlyList<LayerRecord> layers)
    {
        if (layers.Count == 0) yield break;
        int lastEpoch = layers.Max(l => l.Epoch);
        foreach (var byActivation in layers.Where(l => l.Epoch == lastEpoch).GroupBy(l => l.Activation))
        {
            var dying = byActivation.GroupBy(l => l.Layer).OrderBy(g => g.Key)
                .Select(g => (Layer: g.Key, Dead: g.Average(l => l.DeadFraction))).Where(x => x.Dead >= 0.1).ToList();
            if (dying.Count == 0) continue;
            string where = string.Join(", ", dying.Select(x => $"{(100 * x.Dead).ToString("0", CultureInfo.InvariantCulture)}% of layer {x.Layer}"));
            yield return $"{byActivation.Key}: dead units (zero derivative for every probe sample) after epoch {lastEpoch}: {where}.";
        }
    }

    /// <summary>"1/300" for small ratios, "12×" for large ones, two significant digits.</summary>
    public static string Ratio(double r)
    {
        static string Round(double v)
        {
            if (v < 100) return v.ToString(v >= 10 ? "0" : "0.#", CultureInfo.InvariantCulture);
            double unit = Math.Pow(10, Math.Floor(Math.Log10(v)) - 1);
            return (Math.Round(v / unit) * unit).ToString("0", CultureInfo.InvariantCulture);
        }
        return r < 1 ? $"1/{Round(1 / r)}" : $"{Round(r)}×";
    }
}
