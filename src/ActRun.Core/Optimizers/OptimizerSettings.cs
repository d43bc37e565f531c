using System.Globalization;
using System.Text;

namespace ActRun.Core.Optimizers;

/// <summary>
/// An optimizer's name, learning rate and the hyper-parameters that differ from its defaults (<see cref="OptimizerParameters"/>).
/// Prints canonically, only non-default parameters in table order: <c>sgd(lr=0.1, momentum=0.9)</c>,
/// <c>adamw(lr=0.001, weight_decay=0.01)</c>; <see cref="Parse"/> of that text gives an equal settings object.
/// </summary>
public sealed class OptimizerSettings : IEquatable<OptimizerSettings>
{
    private readonly KeyValuePair<OptimizerParameter, double>[] _given;

    /// <param name="parameters">Hyper-parameters by name; those equal to the optimizer's default are dropped.</param>
    public OptimizerSettings(string name, double learningRate, double momentum = 0, IEnumerable<KeyValuePair<string, double>>? parameters = null)
    {
        Name = name;
        LearningRate = learningRate;
        var values = new Dictionary<OptimizerParameter, double>();
        if (momentum != 0) values[OptimizerParameters.Momentum] = momentum;
        foreach (var (key, value) in parameters ?? [])
            values[OptimizerParameters.Find(key) ?? throw UnknownParameter(key)] = value;
        _given = OptimizerParameters.All.Where(p => values.TryGetValue(p, out double v) && v != Default(p))
            .Select(p => KeyValuePair.Create(p, values[p])).ToArray();
    }

    public static IReadOnlyList<string> Names => OptimizerRegistry.Names;

    public string Name { get; }
    public double LearningRate { get; }

    /// <summary>The hyper-parameters that differ from the optimizer's defaults, in table order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Parameters => _given.Select(p => KeyValuePair.Create(p.Key.Name, p.Value)).ToArray();

    public double Momentum => this[OptimizerParameters.Momentum];

    /// <summary>The parameter's value: as given, else this optimizer's default (0 for a parameter it does not take).</summary>
    public double this[OptimizerParameter parameter]
    {
        get
        {
            foreach (var (p, v) in _given)
                if (p == parameter) return v;
            return Default(parameter);
        }
    }

    /// <summary>Keras's default learning rates: sgd 0.01, the adaptive optimizers 0.001.</summary>
    public static double DefaultLearningRate(string name) => OptimizerRegistry.Find(name)?.DefaultLearningRate ?? 0.01;

    /// <summary>The same settings with another learning rate.</summary>
    public OptimizerSettings WithLearningRate(double learningRate) => new(Name, learningRate, 0, Parameters);

    /// <summary>
    /// What is wrong with these settings, or null: a parameter this optimizer does not take (e.g. momentum with adam),
    /// or clipping by norm and by value at once.
    /// </summary>
    /// <param name="prefix">Put before the names of the settings in the message (train. in a config).</param>
    public (OptimizerParameter Parameter, string Message)? Problem(string prefix = "")
    {
        foreach (var (p, _) in _given)
            if (OptimizerRegistry.Find(Name) is not null && !p.AppliesTo(Name))
                return (p, $"{prefix}{p.Name} applies to {prefix}optimizer {string.Join(", ", p.Optimizers)} only (got {Name}).");
        if (this[OptimizerParameters.ClipNorm] != 0 && this[OptimizerParameters.ClipValue] != 0)
            return (OptimizerParameters.ClipValue, $"{prefix}clip_norm and {prefix}clip_value cannot both be set (as in Keras); choose one.");
        return null;
    }

    public override string ToString()
    {
        var sb = new StringBuilder(Name).Append("(lr=").Append(LearningRate.ToString("R", CultureInfo.InvariantCulture));
        foreach (var (p, v) in _given) sb.Append(", ").Append(p.Name).Append('=').Append(p.Format(v));
        return sb.Append(')').ToString();
    }

    /// <summary>
    /// Reads <c>name</c> or <c>name(lr=.., param=..)</c>; a missing lr is the optimizer's default. Throws
    /// <see cref="ConfigException"/> for an unknown optimizer or parameter, a bad value, or a parameter the optimizer does not take.
    /// </summary>
    public static OptimizerSettings Parse(string text)
    {
        var (name, arguments) = SpecText.Split(text, "an optimizer such as adam(lr=0.001)");
        var entry = OptimizerRegistry.Get(name);
        double lr = entry.DefaultLearningRate;
        var parameters = new List<KeyValuePair<string, double>>();
        foreach (var (key, value) in arguments)
        {
            if (key == "lr")
            {
                lr = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0
                    ? v
                    : throw new ConfigException($"lr: expected a positive number, got '{value}'.");
                continue;
            }
            var p = OptimizerParameters.Find(key) ?? throw UnknownParameter(key);
            if (!p.AppliesTo(entry.Name))
                throw new ConfigException($"{p.Name} applies to optimizer {string.Join(", ", p.Optimizers)} only (got {entry.Name}).");
            parameters.Add(KeyValuePair.Create(key, p.ParseValue(value)));
        }
        var settings = new OptimizerSettings(entry.Name, lr, 0, parameters);
        if (settings.Problem() is { } problem) throw new ConfigException(problem.Message);
        return settings;
    }

    private double Default(OptimizerParameter p) => p.Defaults.TryGetValue(Name, out double v) ? v : 0;

    private static ConfigException UnknownParameter(string key)
    {
        var names = OptimizerParameters.All.Select(p => p.Name).Prepend("lr").ToList();
        return new ConfigException($"Unknown optimizer parameter '{key}'.{Suggest.DidYouMean(key, names)} Known: {string.Join(", ", names)}.");
    }

    public bool Equals(OptimizerSettings? other) => other is not null && ToString() == other.ToString();
    public override bool Equals(object? obj) => obj is OptimizerSettings other && Equals(other);
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
