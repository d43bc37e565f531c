using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Stochastic gradient descent, Keras form: v ← μ·v − lr·g; w ← w + v (plain w ← w − lr·g when μ = 0).
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float _momentum;
    private readonly float[][] _velocity;

    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0, KernelTeam? team = null) : base(parameters, team)
    {
        LearningRate = learningRate;
        _momentum = (float)momentum;
        _velocity = momentum == 0 ? [] : parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    /// <summary>Without momentum the update is the plain step w −= lr·g, which a layer may fuse.</summary>
    public override float? FusedStepRate(Parameter parameter) => _momentum == 0 ? (float)LearningRate : null;

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        float lr = (float)LearningRate;
        if (_momentum == 0)
        {
            VectorOps.Step(w, g, lr);
            return;
        }
        var v = _velocity[index].AsSpan(start, w.Length);
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = _momentum * v[i] - lr * g[i];
            w[i] += v[i];
        }
    }
}
