using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Stochastic gradient descent, Keras form: v ← μ·v − lr·g; w ← w + v (nesterov: w ← w + μ·v − lr·g); plain w ← w − lr·g when μ = 0.
/// PyTorch's form (b ← μ·b + g; w ← w − lr·b) is the same update while the rate is constant.
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float _momentum;
    private readonly bool _nesterov;
    private readonly float[][] _velocity;

    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, KernelTeam? team = null)
        : this(parameters, new OptimizerSettings("sgd", learningRate, momentum), team)
    {
    }

    public Sgd(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team = null) : base(parameters, settings, team)
    {
        _momentum = (float)settings.Momentum;
        _nesterov = settings[OptimizerParameters.Nesterov] != 0;
        _velocity = _momentum == 0 ? [] : parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    /// <summary>The plain step w −= lr·g (no momentum, weight decay or clipping), which a layer may fuse into its backward pass.</summary>
    public override float? FusedStepRate(Parameter parameter) => _momentum == 0 && !ChangesGradients ? (float)LearningRate : null;

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        float lr = (float)LearningRate;
        if (_momentum == 0)
        {
            VectorOps.Step(w, g, lr);
            return;
        }
        var v = _velocity[index].AsSpan(start, w.Length);
        if (_nesterov)
        {
            for (int i = 0; i < w.Length; i++)
            {
                v[i] = _momentum * v[i] - lr * g[i];
                w[i] += _momentum * v[i] - lr * g[i];
            }
            return;
        }
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = _momentum * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }
}
