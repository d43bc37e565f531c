using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// RMSprop, Keras form: s ← ρ·s + (1−ρ)·g²; d = √(s + ε) (centered: a ← ρ·a + (1−ρ)·g and d = √(s − a² + ε));
/// w ← w − lr·g/d, or with momentum b ← μ·b + lr·g/d; w ← w − b. torch_epsilon: d = √s + ε (√(s − a²) + ε) as PyTorch,
/// whose defaults are ρ (alpha) 0.99 and ε 1e-8; PyTorch's momentum b ← μ·b + g/d; w ← w − lr·b is the same while the rate is constant.
/// </summary>
public sealed class RmsProp : Optimizer
{
    private readonly float _rho, _epsilon, _momentum;
    private readonly bool _centered, _torchEpsilon;
    private readonly float[][] _square, _mean, _buffer;

    public RmsProp(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team = null) : base(parameters, settings, team)
    {
        _rho = (float)settings[OptimizerParameters.Rho];
        _epsilon = (float)settings[OptimizerParameters.Epsilon];
        _momentum = (float)settings.Momentum;
        _centered = settings[OptimizerParameters.Centered] != 0;
        _torchEpsilon = settings[OptimizerParameters.TorchEpsilon] != 0;
        _square = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _mean = _centered ? parameters.Select(p => new float[p.Value.Length]).ToArray() : [];
        _buffer = _momentum != 0 ? parameters.Select(p => new float[p.Value.Length]).ToArray() : [];
    }

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        float lr = (float)LearningRate;
        var s = _square[index].AsSpan(start, w.Length);
        var a = _centered ? _mean[index].AsSpan(start, w.Length) : default;
        var b = _momentum != 0 ? _buffer[index].AsSpan(start, w.Length) : default;
        for (int i = 0; i < w.Length; i++)
        {
            s[i] = _rho * s[i] + (1 - _rho) * g[i] * g[i];
            float variance = s[i];
            if (_centered)
            {
                a[i] = _rho * a[i] + (1 - _rho) * g[i];
                variance -= a[i] * a[i];
            }
            float d = _torchEpsilon ? MathF.Sqrt(variance) + _epsilon : MathF.Sqrt(variance + _epsilon);
            float increment = lr * g[i] / d;
            if (_momentum != 0)
            {
                b[i] = _momentum * b[i] + increment;
                increment = b[i];
            }
            w[i] -= increment;
        }
    }
}
