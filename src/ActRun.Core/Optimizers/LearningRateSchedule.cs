using System.Globalization;
using System.Text;

namespace ActRun.Core.Optimizers;

/// <summary>A parameter of a schedule: name, default, check and meaning.</summary>
public sealed record ScheduleParameter(string Name, double Default, string Expected, Func<double, bool> Valid, string Description);

/// <summary>
/// A schedule in the registry. <see cref="Rate"/> gives the rate of epoch e of E from the base rate lr (train.lr) and
/// the parameters in <see cref="Parameters"/> order; e counts from 0, as PyTorch's last_epoch.
/// </summary>
public sealed record ScheduleKind(string Name, IReadOnlyList<ScheduleParameter> Parameters, string Formula, Func<double[], double, int, int, double> Rate);

/// <summary>
/// The learning rate per epoch: a schedule's name and its non-default parameters, printed and parsed canonically
/// (<c>cosine(warmup=2)</c>, <c>step(step_size=5, gamma=0.5)</c>). The rate changes between epochs, not within one
/// (PyTorch's schedulers stepped once per epoch); docs/optimizers.md has each formula.
/// </summary>
public sealed class LearningRateSchedule : IEquatable<LearningRateSchedule>
{
    private static readonly ScheduleParameter Gamma01 = new("gamma", 0.1, "a positive number", v => v > 0, "the factor applied every step_size epochs");

    public static IReadOnlyList<ScheduleKind> Kinds { get; } =
    [
        new("constant", [], "lr", (_, lr, _, _) => lr),
        new("step", [new("step_size", 10, "a positive whole number", v => v >= 1 && v == Math.Floor(v), "epochs between reductions"), Gamma01],
            "lr·gamma^⌊e/step_size⌋ (PyTorch's StepLR)", (p, lr, e, _) => lr * Math.Pow(p[1], Math.Floor(e / p[0]))),
        new("exponential", [new("gamma", 0.95, "a positive number", v => v > 0, "the factor applied every epoch")],
            "lr·gamma^e (PyTorch's ExponentialLR)", (p, lr, e, _) => lr * Math.Pow(p[0], e)),
        new("cosine", [
                new("warmup", 0, "a whole number >= 0", v => v >= 0 && v == Math.Floor(v), "epochs of linear warm-up"),
                new("start_factor", 1.0 / 3, "a number in (0, 1]", v => v is > 0 and <= 1, "the warm-up's first multiple of lr (PyTorch's LinearLR default 1/3)"),
                new("min_lr", 0, "a number >= 0", v => v >= 0, "the rate at the end (PyTorch's eta_min)")],
            "warm-up e < w: lr·(s + (1−s)·e/w); then min_lr + (lr − min_lr)·(1 + cos(π·(e−w)/(E−w)))/2 (PyTorch's LinearLR then CosineAnnealingLR with T_max = E − w, as SequentialLR)",
            Cosine),
        new("one_cycle", [
                new("pct_start", 0.3, "a number in (0, 1)", v => v is > 0 and < 1, "the share of the epochs spent rising"),
                new("div_factor", 25, "a number >= 1", v => v >= 1, "lr / the first rate"),
                new("final_div_factor", 1e4, "a number >= 1", v => v >= 1, "the first rate / the last rate")],
            "PyTorch's OneCycleLR with max_lr = lr and total_steps = E: from lr/div_factor up to lr over pct_start·E − 1 epochs, then down to lr/(div_factor·final_div_factor), cosine annealing; momentum is not cycled",
            OneCycle),
    ];

    public static IReadOnlyList<string> Names { get; } = Kinds.Select(k => k.Name).ToArray();

    public static LearningRateSchedule Constant { get; } = new(Kinds[0], []);

    private readonly double[] _values;

    private LearningRateSchedule(ScheduleKind kind, double[] values)
    {
        Kind = kind;
        _values = values.Length == 0 ? Defaults(kind) : values;
    }

    /// <summary>The kind's default values, in a loop: LINQ over double would be compiled at start-up (the static Constant).</summary>
    private static double[] Defaults(ScheduleKind kind)
    {
        var values = new double[kind.Parameters.Count];
        for (int i = 0; i < values.Length; i++) values[i] = kind.Parameters[i].Default;
        return values;
    }

    public ScheduleKind Kind { get; }
    public string Name => Kind.Name;

    /// <summary>The rate of epoch <paramref name="epoch"/> (1-based, as the trainer counts) of <paramref name="epochs"/>, from the base rate.</summary>
    public double Rate(double learningRate, int epoch, int epochs) => Kind.Rate(_values, learningRate, epoch - 1, epochs);

    public double this[string parameter] => _values[IndexOf(Kind, parameter)];

    public override string ToString()
    {
        var given = Kind.Parameters.Select((p, i) => (p, v: _values[i])).Where(x => x.v != x.p.Default).ToList();
        if (given.Count == 0) return Name;
        var sb = new StringBuilder(Name).Append('(');
        sb.AppendJoin(", ", given.Select(x => $"{x.p.Name}={x.v.ToString("R", CultureInfo.InvariantCulture)}"));
        return sb.Append(')').ToString();
    }

    /// <summary>Reads <c>name</c> or <c>name(param=value, ..)</c>; a <see cref="ConfigException"/> for an unknown name, parameter or a bad value.</summary>
    public static LearningRateSchedule Parse(string text)
    {
        var (name, arguments) = SpecText.Split(text, "a schedule such as cosine(warmup=2)");
        var kind = Kinds.FirstOrDefault(k => k.Name == name)
            ?? throw new ConfigException($"Unknown schedule '{name}'.{Suggest.DidYouMean(name, Names)} Known: {string.Join(", ", Names)}.");
        double[] values = Defaults(kind);
        foreach (var (key, value) in arguments)
        {
            int i = IndexOf(kind, key);
            var p = kind.Parameters[i];
            values[i] = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && p.Valid(v)
                ? v
                : throw new ConfigException($"{name} {key}: expected {p.Expected}, got '{value}'.");
        }
        return new LearningRateSchedule(kind, values);
    }

    private static int IndexOf(ScheduleKind kind, string parameter)
    {
        for (int i = 0; i < kind.Parameters.Count; i++)
            if (kind.Parameters[i].Name == parameter) return i;
        var names = kind.Parameters.Select(p => p.Name).ToList();
        throw new ConfigException(names.Count == 0
            ? $"Schedule {kind.Name} takes no parameters (got '{parameter}')."
            : $"Schedule {kind.Name} has no parameter '{parameter}'.{Suggest.DidYouMean(parameter, names)} Known: {string.Join(", ", names)}.");
    }

    private static double Cosine(double[] p, double lr, int e, int epochs)
    {
        double warmup = p[0], start = p[1], min = p[2];
        if (e < warmup) return lr * (start + (1 - start) * e / warmup);
        double span = epochs - warmup;
        return span <= 0 ? lr : min + (lr - min) * (1 + Math.Cos(Math.PI * (e - warmup) / span)) / 2;
    }

    private static double OneCycle(double[] p, double lr, int e, int epochs)
    {
        double pctStart = p[0], div = p[1], finalDiv = p[2];
        double initial = lr / div, last = initial / finalDiv;
        double firstEnd = pctStart * epochs - 1, secondEnd = epochs - 1;
        // A rise of one epoch (firstEnd 0) is that epoch at the first rate (PyTorch divides 0 by 0 there).
        return e <= firstEnd
            ? Anneal(initial, lr, firstEnd > 0 ? e / firstEnd : 0)
            : Anneal(lr, last, (e - firstEnd) / (secondEnd - firstEnd));
    }

    /// <summary>PyTorch's _annealing_cos: from start to end as pct goes from 0 to 1.</summary>
    private static double Anneal(double start, double end, double pct) => end + (start - end) / 2 * (Math.Cos(Math.PI * pct) + 1);

    public bool Equals(LearningRateSchedule? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => obj is LearningRateSchedule other && Equals(other);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
