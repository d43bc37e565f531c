using System.Globalization;

namespace ActRun.Core.Experiments;

/// <summary>
/// The <c>tune:</c> section: the settings each variant searches on its validation split before it is compared,
/// how (<see cref="Strategies"/>), with what budget, and on which validation metric. Every variant searches the
/// same space with the same candidates, and chooses its own best.
/// </summary>
public sealed record TuneSpec
{
    public static IReadOnlyList<string> Strategies { get; } = ["grid", "random", "halving"];
    public static IReadOnlyList<string> Metrics { get; } = ["val_loss", "val_accuracy"];

    /// <summary>The searched keys in order, each with its values or its distribution.</summary>
    public IReadOnlyList<TuneDimension> Space { get; init; } = [];

    /// <summary>grid: every point of the space; random: <see cref="Trials"/> points drawn; halving: successive halving over the grid (or over drawn points when Trials is set).</summary>
    public string Strategy { get; init; } = "grid";

    /// <summary>How many points random search draws (halving too, when set); 0 with grid and halving means the whole grid.</summary>
    public int Trials { get; init; }

    /// <summary>Successive halving keeps the best 1/Eta of the candidates each round, and trains the survivors Eta times longer.</summary>
    public int Eta { get; init; } = 3;

    /// <summary>The validation metric that chooses: val_loss (lower is better) or val_accuracy (higher is better).</summary>
    public string Metric { get; init; } = "val_loss";

    /// <summary>How many of the experiment's seeds (the first ones) each trial trains with; its score is the mean over them.</summary>
    public int Seeds { get; init; } = 1;

    public bool LowerIsBetter => Metric == "val_loss";

    /// <summary>The candidate points, in a fixed order that depends only on the spec and the seed.</summary>
    public IReadOnlyList<TunePoint> Candidates(ulong seed)
    {
        bool draw = Strategy == "random" || (Strategy == "halving" && Trials > 0);
        if (!draw)
        {
            if (Space.FirstOrDefault(d => d.Values is null) is { } continuous)
                throw new ConfigException($"tune: {Strategy} search needs a list of values for '{continuous.Key}' (a list, logspace(a, b, n) or linspace(a, b, n)); {continuous} can only be drawn: use strategy: random.");
            IEnumerable<TunePoint> points = [new TunePoint([])];
            foreach (var d in Space)
                points = points.SelectMany(p => d.Values!.Select(v => new TunePoint([.. p.Values, (d.Key, v)]))).ToList();
            return points.ToList();
        }
        var rng = new Engine.Rng(Engine.Rng.Derive(seed, "tune"));
        var drawn = new List<TunePoint>();
        for (int i = 0; i < Trials; i++)
            drawn.Add(new TunePoint(Space.Select(d => (d.Key, d.Draw(rng))).ToList()));
        return drawn;
    }

    /// <summary>
    /// The rounds of the search: (candidates trained, epochs). Grid and random search are one round at the full epochs;
    /// successive halving starts every candidate at epochs / Eta^R and keeps the best ⌈n/Eta⌉ each round until one is
    /// left, the last round at the full epochs (Jamieson and Talwalkar 2016; Li et al. 2018, Hyperband's inner loop).
    /// </summary>
    public IReadOnlyList<(int Candidates, int Epochs)> Rounds(int candidates, int epochs)
    {
        if (Strategy != "halving" || candidates <= 1) return [(candidates, epochs)];
        var counts = new List<int> { candidates };
        while (counts[^1] > 1) counts.Add((counts[^1] + Eta - 1) / Eta);
        int last = counts.Count - 1;
        return counts.Select((n, r) => (n, Math.Max(1, (int)Math.Round(epochs * Math.Pow(Eta, r - last))))).ToList();
    }

    public override string ToString() =>
        $"{Strategy}{(Trials > 0 ? $"(trials={Trials})" : "")} over {string.Join("; ", Space)} on {Metric}";
}

/// <summary>One point of a tuning space: (key, canonical value text) in the space's order.</summary>
public sealed record TunePoint(IReadOnlyList<(string Key, string Value)> Values)
{
    /// <summary>The point as its sweep columns print it: <c>lr=0.01 momentum=0.9</c>.</summary>
    public string Label => string.Join(" ", Values.Select(v => $"{ColumnOf(v.Key)}={v.Value}"));

    public override string ToString() => Label;

    public bool Equals(TunePoint? other) => other is not null && Values.SequenceEqual(other.Values);
    public override int GetHashCode() => Values.Aggregate(0, (h, v) => HashCode.Combine(h, v.Key, v.Value));

    internal static string ColumnOf(string key) => ConfigKeys.Find(key)?.Column ?? key;
}

/// <summary>
/// One searched key: a list of values (a grid axis; random search picks among them), or a distribution that random
/// search draws from: <c>loguniform(a, b)</c> (uniform in log10, for rates) or <c>uniform(a, b)</c>.
/// </summary>
public sealed record TuneDimension(string Key, IReadOnlyList<string>? Values, string? Distribution = null, double Low = 0, double High = 0)
{
    public static IReadOnlyList<string> Distributions { get; } = ["loguniform", "uniform"];

    /// <summary>Parses a dimension's text: a distribution call, a generator (logspace/linspace) or a comma-separated list.</summary>
    public static TuneDimension Parse(ConfigKey key, string text, ConfigOrigin origin)
    {
        if (SweepValues.ParseCall(text) is var (name, args) && Distributions.Contains(name))
        {
            if (args.Length != 2 || !SweepValues.TryFinite(args[0], out double low) || !SweepValues.TryFinite(args[1], out double high) || !(low < high))
                throw origin.Error($"{name} takes two finite numbers low < high, e.g. {name}(1e-4, 1)");
            if (name == "loguniform" && low <= 0) throw origin.Error($"loguniform needs positive ends (the values themselves, not exponents), e.g. loguniform(1e-4, 1)");
            return new TuneDimension(key.Path, null, name, low, high);
        }
        var items = SweepValues.Generate(text, origin) ?? SweepValues.SplitList(text.Trim().TrimStart('[').TrimEnd(']'));
        var values = new List<string>();
        foreach (string item in items)
        {
            string value = ConfigKeys.Canonical(key, new YamlDotNet.RepresentationModel.YamlScalarNode(item), origin);
            if (values.Contains(value)) throw origin.Error($"tune: '{key.Path}' lists '{value}' twice");
            values.Add(value);
        }
        if (values.Count == 0) throw origin.Error($"tune: '{key.Path}' has no values");
        return new TuneDimension(key.Path, values);
    }

    /// <summary>A random draw: a distribution's value (rounded to 4 significant digits, so it prints and reads back the same), or one of the values.</summary>
    public string Draw(Engine.Rng rng)
    {
        if (Values is not null) return Values[rng.NextInt(Values.Count)];
        double v = Distribution == "loguniform"
            ? Math.Pow(10, rng.NextUniform(Math.Log10(Low), Math.Log10(High)))
            : rng.NextUniform(Low, High);
        return double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);
    }

    public override string ToString() => Values is not null
        ? $"{TunePoint.ColumnOf(Key)} in [{string.Join(", ", Values)}]"
        : $"{TunePoint.ColumnOf(Key)} ~ {Distribution}({Low.ToString("R", CultureInfo.InvariantCulture)}, {High.ToString("R", CultureInfo.InvariantCulture)})";

}
