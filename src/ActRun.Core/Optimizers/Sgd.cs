using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Stochastic gradient descent, Keras form: v ← μ·v − lr·g; w ← w + v (plain w ← w − lr·g when μ = 0).
/// </summary>
public sealed class Sgd : Optimizer
{
    private readonly float _lr;
    private readonly float _momentum;
    private readonly float[][] _velocity;

    public Sgd(IReadOnlyList<Parameter> parameters, double learningRate, double momentum = 0) : base(parameters)
    {
        _lr = (float)learningRate;
        _momentum = (float)momentum;
        _velocity = momentum == 0 ? [] : parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    protected override bool UpdateClearsGradient => _momentum == 0;

    protected override void Update(int index, Span<float> w, Span<float> g)
    {
        if (_momentum == 0)
        {
            VectorOps.StepAndClear(w, g, _lr);
            return;
        }
        var v = _velocity[index];
        for (int i = 0; i < w.Length; i++)
        {
            v[i] = _momentum * v[i] - _lr * g[i];
            w[i] += v[i];
        }
    }
}
