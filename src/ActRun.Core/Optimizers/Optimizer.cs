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
    private readonly double _clipNorm;
    private readonly float _clipValue, _l2;
    /// <summary>This step's factor of the gradients from clipping by their global norm (1: none).</summary>
    private float _clipScale = 1;

    /// <param name="decoupledWeightDecay">The subclass applies the weight decay itself (adamw); otherwise λ·w is added to the gradient.</param>
    protected Optimizer(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team, bool decoupledWeightDecay = false)
    {
        Parameters = parameters;
        _team = team;
        _work = new UpdateWork(this);
        LearningRate = settings.LearningRate;
        _clipNorm = settings[OptimizerParameters.ClipNorm];
        _clipValue = (float)settings[OptimizerParameters.ClipValue];
        _l2 = decoupledWeightDecay ? 0 : (float)settings[OptimizerParameters.WeightDecay];
        ChangesGradients = _clipNorm > 0 || _clipValue > 0 || _l2 != 0;
    }

    /// <summary>Whether the gradients are clipped or get L2 weight decay before the update (then no update may be fused).</summary>
    protected bool ChangesGradients { get; }

    protected IReadOnlyList<Parameter> Parameters { get; }

    /// <summary>
    /// The learning rate of the coming steps. The trainer sets it at the start of every epoch (a schedule, or a
    /// reduction on a plateau, composes there); the optimizer's settings give its first value.
    /// </summary>
    public double LearningRate { get; set; }

    public void Step()
    {
        OnStep();
        if (_clipNorm > 0) _clipScale = ClipScale();
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
                PrepareAndUpdate(i, 0, p.Value, p.Gradient);
            else
                _work.Run(_team, i, p.Value, p.Gradient);
            // Lazily: the next backward pass writes the gradient instead of adding to it (see Parameter.ZeroGradient).
            p.ZeroGradient();
        }
    }

    protected virtual void OnStep() { }

    /// <summary>
    /// The factor that brings the gradients' global norm down to the clip norm, as PyTorch's clip_grad_norm_:
    /// c/(‖g‖ + 1e-6) when below 1. The sum of squares runs in double on this thread, in parameter order (the same bits for any thread count).
    /// </summary>
    private float ClipScale()
    {
        double sum = 0;
        // By index: a foreach over the IReadOnlyList would allocate its enumerator on every step.
        for (int i = 0; i < Parameters.Count; i++)
            foreach (float g in Parameters[i].Gradient)
                sum += (double)g * g;
        double coefficient = _clipNorm / (Math.Sqrt(sum) + 1e-6);
        return coefficient < 1 ? (float)coefficient : 1;
    }

    /// <summary>Clips the range's gradient and adds the L2 weight decay λ·w (when set), then updates it.</summary>
    private void PrepareAndUpdate(int index, int start, Span<float> w, Span<float> g)
    {
        if (ChangesGradients)
        {
            if (_clipValue > 0)
                for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp(g[i], -_clipValue, _clipValue);
            if (_clipScale != 1)
                for (int i = 0; i < g.Length; i++) g[i] *= _clipScale;
            if (_l2 != 0)
                for (int i = 0; i < g.Length; i++) g[i] += _l2 * w[i];
        }
        Update(index, start, w, g);
    }

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
            optimizer.PrepareAndUpdate(_index, start, _value.AsSpan(start, end - start), _gradient.AsSpan(start, end - start));
        }
    }

    /// <param name="team">The run's kernel threads, which then share large updates (null: the calling thread alone).</param>
    public static Optimizer Create(OptimizerSettings settings, IReadOnlyList<Parameter> parameters, KernelTeam? team = null)
    {
        var entry = OptimizerRegistry.Get(settings.Name);
        if (settings.Problem() is { } problem) throw new ConfigException(problem.Message);
        return entry.Create(parameters, settings, team);
    }
}
