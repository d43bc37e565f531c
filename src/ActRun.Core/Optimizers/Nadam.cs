using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Nadam (Dozat 2016), as Keras and PyTorch both write it: with the momentum schedule μ_t = β1·(1 − 0.5·0.96^(0.004·t))
/// and Π_t = μ_1···μ_t, m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; d = √(v/(1−β2^t)) + ε;
/// w ← w − lr·(1−μ_t)/(1−Π_t)·g/d − lr·μ_{t+1}/(1−Π_t·μ_{t+1})·m/d. The two differ only in ε's default (Keras 1e-7, PyTorch 1e-8).
/// </summary>
public sealed class Nadam : Optimizer
{
    /// <summary>The momentum schedule's decay (Keras's fixed 0.004, PyTorch's momentum_decay default).</summary>
    private const double MomentumDecay = 0.004;

    private readonly double _beta1, _beta2;
    private readonly float _b1, _b2, _epsilon;
    private readonly float[][] _m, _v;
    private int _t;
    private double _muProduct = 1;
    private float _gradientStep, _momentStep, _correction2;

    public Nadam(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team = null) : base(parameters, settings, team)
    {
        _beta1 = settings[OptimizerParameters.Beta1];
        _beta2 = settings[OptimizerParameters.Beta2];
        (_b1, _b2) = ((float)_beta1, (float)_beta2);
        _epsilon = (float)settings[OptimizerParameters.Epsilon];
        _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    protected override void OnStep()
    {
        _t++;
        double mu = _beta1 * (1 - 0.5 * Math.Pow(0.96, _t * MomentumDecay));
        double muNext = _beta1 * (1 - 0.5 * Math.Pow(0.96, (_t + 1) * MomentumDecay));
        _muProduct *= mu;
        _gradientStep = (float)(LearningRate * (1 - mu) / (1 - _muProduct));
        _momentStep = (float)(LearningRate * muNext / (1 - _muProduct * muNext));
        _correction2 = (float)(1 - DoubleMath.Pow(_beta2, _t));
    }

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        var m = _m[index].AsSpan(start, w.Length);
        var v = _v[index].AsSpan(start, w.Length);
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = _b1 * m[i] + (1 - _b1) * g[i];
            v[i] = _b2 * v[i] + (1 - _b2) * g[i] * g[i];
            float d = MathF.Sqrt(v[i] / _correction2) + _epsilon;
            w[i] -= _gradientStep * (g[i] / d) + _momentStep * (m[i] / d);
        }
    }
}
