using ActRun.Core.Results;

namespace ActRun.Core.Activations;

/// <summary>The catalog as data: listing rows for every activation, and sampled curves for any of them.</summary>
public static class ActivationCatalog
{
    /// <summary>Element-wise activations from the registry, then the output-only ones that act on a whole row.</summary>
    public static IReadOnlyList<ActivationListRecord> List() =>
        ActivationRegistry.Entries.Select(e => new ActivationListRecord
        {
            Name = e.Name,
            Kind = "hidden",
            Aliases = string.Join(" ", e.Aliases),
            Parameters = string.Join("; ", e.Parameters.Select(p => $"{p.Name}={p.Format(p.Default)}")),
            Formula = e.Formula,
            Range = e.Range,
            MaxDerivative = e.MaxDerivative,
            ZeroCentred = e.ZeroCentred,
            TypicalUse = Describe(e.TypicalUse),
            PreferredInit = e.PreferredInitializer ?? "",
            Note = e.FrameworkNote ?? "",
        }).Concat(OutputOnly).ToList();

    private static readonly ActivationListRecord[] OutputOnly =
    [
        Output("softmax", "exp(x_i) / sum_j exp(x_j), computed after subtracting the row maximum", "(0, 1), rows sum to 1",
            "paired with categorical cross-entropy; gradient p - y"),
        Output("log_softmax", "x_i - logsumexp(x)", "(-inf, 0]",
            "paired with negative log-likelihood (PyTorch's LogSoftmax + NLLLoss); the same numbers as softmax + cross-entropy"),
        Output("sparsemax", "max(x_i - tau, 0), tau such that the outputs sum to 1 (Martins & Astudillo 2016)", "[0, 1], rows sum to 1",
            "paired with the sparsemax loss; probabilities can be exactly 0"),
    ];

    private static ActivationListRecord Output(string name, string formula, string range, string note) => new()
    {
        Name = name,
        Kind = "output",
        Formula = formula,
        Range = range,
        TypicalUse = "output (multi-class)",
        Note = note,
    };

    public static string Describe(ActivationUse use)
    {
        var parts = new List<string>();
        if (use.HasFlag(ActivationUse.Hidden)) parts.Add("hidden");
        if (use.HasFlag(ActivationUse.OutputBinary)) parts.Add("output (binary)");
        if (use.HasFlag(ActivationUse.OutputMultiLabel)) parts.Add("output (multi-label)");
        if (use.HasFlag(ActivationUse.OutputRegression)) parts.Add("output (regression)");
        return string.Join(", ", parts);
    }

    /// <summary>Value and exact derivative of each activation at each point, activation-major.</summary>
    public static IEnumerable<ActivationPointRecord> Sample(IEnumerable<Activation> activations, IReadOnlyList<float> xs) =>
        from activation in activations
        from x in xs
        let y = activation.Value(x)
        select new ActivationPointRecord { Activation = activation.Spec.ToString(), X = x, Y = y, Dy = activation.Derivative(x, y) };

    /// <summary>
    /// Points of "FROM:TO:STEP", both ends included; each point is FROM + i·STEP (no accumulated rounding).
    /// </summary>
    public static IReadOnlyList<float> Range(string text)
    {
        string[] parts = text.Split(':');
        if (parts.Length != 3 || !TryNumber(parts[0], out double from) || !TryNumber(parts[1], out double to) || !TryNumber(parts[2], out double step))
            throw new ConfigException($"--range takes FROM:TO:STEP, e.g. -5:5:0.5; got '{text}'.");
        if (!double.IsFinite(from) || !double.IsFinite(to) || !(step > 0) || to < from)
            throw new ConfigException($"--range '{text}': FROM and TO must be finite, STEP positive and TO at least FROM.");
        long count = (long)Math.Floor((to - from) / step + 1e-9) + 1;
        if (count > 1_000_000) throw new ConfigException($"--range '{text}' has {count} points; at most 1000000.");
        return Enumerable.Range(0, (int)count).Select(i => (float)(from + i * step)).ToArray();
    }

    /// <summary>Points of "V1,V2,…".</summary>
    public static IReadOnlyList<float> Points(string text)
    {
        var values = new List<float>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!TryNumber(part, out double v)) throw new ConfigException($"--x takes numbers separated by commas, e.g. -1,0,1; got '{part}'.");
            values.Add((float)v);
        }
        return values;
    }

    // Numbers as in activation specs: invariant culture, also inf / -inf / nan, so extreme points can be probed.
    private static bool TryNumber(string text, out double value)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity": value = double.PositiveInfinity; return true;
            case "-inf" or "-infinity": value = double.NegativeInfinity; return true;
            case "nan": value = double.NaN; return true;
        }
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out value);
    }
}
