using System.Globalization;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Updates parameters from their accumulated gradients, then zeroes the gradients (once per step).
/// State (momentum, moments) is kept per parameter, allocated when the optimizer is created.
/// </summary>
public abstract class Optimizer
{
    protected Optimizer(IReadOnlyList<Parameter> parameters) => Parameters = parameters;

    protected IReadOnlyList<Parameter> Parameters { get; }

    public void Step()
    {
        OnStep();
        for (int i = 0; i < Parameters.Count; i++)
        {
            Update(i, Parameters[i].Value, Parameters[i].Gradient);
            if (!UpdateClearsGradient) Parameters[i].ZeroGradient();
        }
    }

    protected virtual void OnStep() { }

    /// <summary>True when <see cref="Update"/> zeroes the gradient itself, in the same pass over memory.</summary>
    protected virtual bool UpdateClearsGradient => false;

    protected abstract void Update(int index, Span<float> value, Span<float> gradient);

    public static Optimizer Create(OptimizerSettings settings, IReadOnlyList<Parameter> parameters) => settings.Name switch
    {
        "sgd" => new Sgd(parameters, settings.LearningRate, settings.Momentum),
        "adam" => new Adam(parameters, settings.LearningRate),
        _ => throw new ConfigException($"Unknown optimizer '{settings.Name}'.{Suggest.DidYouMean(settings.Name, OptimizerSettings.Names)} Known: {string.Join(", ", OptimizerSettings.Names)}."),
    };
}

/// <summary>An optimizer's name and hyper-parameters; prints as <c>sgd(lr=0.1, momentum=0.9)</c>.</summary>
public sealed record OptimizerSettings(string Name, double LearningRate, double Momentum = 0)
{
    public static IReadOnlyList<string> Names { get; } = ["sgd", "adam"];

    /// <summary>Keras's default learning rates: sgd 0.01, adam 0.001.</summary>
    public static double DefaultLearningRate(string name) => name == "adam" ? 0.001 : 0.01;

    public override string ToString()
    {
        string lr = LearningRate.ToString("R", CultureInfo.InvariantCulture);
        return Momentum != 0
            ? $"{Name}(lr={lr}, momentum={Momentum.ToString("R", CultureInfo.InvariantCulture)})"
            : $"{Name}(lr={lr})";
    }
}
