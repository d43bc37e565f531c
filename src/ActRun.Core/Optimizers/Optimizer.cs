using System.Globalization;
using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Updates parameters from their accumulated gradients, then zeroes the gradients (once per step).
/// State (momentum, moments) is kept per parameter, allocated when the optimizer is created. Every update is
/// element by element, so a large parameter is cut into ranges that the run's kernel threads update in
/// parallel; the bits do not depend on the split.
/// </summary>
public abstract class Optimizer : IFusedUpdate
{
    /// <summary>Parameters shorter than this are updated on the calling thread: waking a worker would cost more.</summary>
    private const int MinParallelLength = 32 * 1024;

    private readonly KernelTeam? _team;
    private readonly UpdateWork _work;

    protected Optimizer(IReadOnlyList<Parameter> parameters, KernelTeam? team = null)
    {
        Parameters = parameters;
        _team = team;
        _work = new UpdateWork(this);
    }

    protected IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// The learning rate of the coming steps. The trainer sets it at the start of every epoch (a schedule, or a
    /// reduction on a plateau, composes there); the optimizer's settings give its first value.
    /// </summary>
    public double LearningRate { get; set; }

    public void Step()
    {
        OnStep();
        for (int i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.SteppedInBackward)
            {
                // Plain SGD fused into the backward pass (FusedStepRate): already done, gradient still zeroed.
                p.EndStep();
                continue;
            }
            if (_team is null || p.Value.Length < MinParallelLength)
                Update(i, 0, p.Value, p.Gradient);
            else
                _work.Run(_team, i, p.Value, p.Gradient);
            // Lazily: the next backward pass writes the gradient instead of adding to it (see Parameter.ZeroGradient).
            p.ZeroGradient();
        }
    }

    protected virtual void OnStep() { }

    /// <summary>
    /// The rate of the plain step w ← w − rate·g when this optimizer's update of <paramref name="parameter"/> in the
    /// coming step is exactly that step, so a layer may apply it inside its backward pass (the same bits); null (the
    /// default) keeps the update here. Asked on every backward pass, so a rate that changes between steps is followed.
    /// </summary>
    public virtual float? FusedStepRate(Parameter parameter) => null;

    /// <summary>Updates elements start.. of parameter <paramref name="index"/>: value and gradient are that range of them.</summary>
    protected abstract void Update(int index, int start, Span<float> value, Span<float> gradient);

    /// <summary>One parameter's update cut into ranges, one per unit, each starting at a multiple of 16 elements.</summary>
    private sealed class UpdateWork(Optimizer optimizer) : IKernelWork
    {
        private int _index;
        private float[] _value = [], _gradient = [];

        public void Run(KernelTeam team, int index, float[] value, float[] gradient)
        {
            (_index, _value, _gradient) = (index, value, gradient);
            try
            {
                team.Run(this, team.Threads);
            }
            finally
            {
                (_value, _gradient) = ([], []);
            }
        }

        public void Execute(int unit, int units)
        {
            int n = _value.Length;
            int start = (int)((long)n * unit / units) & ~15, end = unit + 1 == units ? n : (int)((long)n * (unit + 1) / units) & ~15;
            optimizer.Update(_index, start, _value.AsSpan(start, end - start), _gradient.AsSpan(start, end - start));
        }
    }

    /// <param name="team">The run's kernel threads, which then share large updates (null: the calling thread alone).</param>
    public static Optimizer Create(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, KernelTeam? team = null) => settings.Name switch
    {
        "sgd" => new Sgd(parameters, settings.LearningRate, settings.Momentum, team),
        "adam" => new Adam(parameters, settings.LearningRate, team),
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
