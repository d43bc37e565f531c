using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Adam (and adamw) with Keras's defaults (β1 0.9, β2 0.999, ε 1e-7) and Keras's form of the bias correction:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε).
/// torch_epsilon: PyTorch's form w ← w − lr/(1−β1^t) · m / (√v/√(1−β2^t) + ε). amsgrad: v in the denominator is
/// the running maximum of v. adamw first decays the weights decoupled from the gradient: w ← w·(1 − lr·λ).
/// </summary>
public sealed class Adam : Optimizer
{
    private readonly double _beta1, _beta2;
    private readonly float _b1, _b2, _oneMinusB1, _oneMinusB2, _epsilon, _decay;
    private readonly bool _torchEpsilon, _amsgrad;
    private readonly float[][] _m, _v, _vMax;
    private int _t;
    private float _stepSize, _sqrtCorrection2, _decayFactor;

    public Adam(IReadOnlyList<Parameter> parameters, double learningRate, KernelTeam? team = null)
        : this(parameters, new OptimizerSettings("adam", learningRate), team)
    {
    }

    public Adam(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team = null)
        : base(parameters, settings, team, decoupledWeightDecay: settings.Name == "adamw")
    {
        _beta1 = settings[OptimizerParameters.Beta1];
        _beta2 = settings[OptimizerParameters.Beta2];
        (_b1, _b2) = ((float)_beta1, (float)_beta2);
        (_oneMinusB1, _oneMinusB2) = (1 - _b1, 1 - _b2);
        _epsilon = (float)settings[OptimizerParameters.Epsilon];
        _torchEpsilon = settings[OptimizerParameters.TorchEpsilon] != 0;
        _amsgrad = settings[OptimizerParameters.Amsgrad] != 0;
        _decay = settings.Name == "adamw" ? (float)settings[OptimizerParameters.WeightDecay] : 0;
        _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _vMax = _amsgrad ? parameters.Select(p => new float[p.Value.Length]).ToArray() : [];
    }

    protected override void OnStep()
    {
        _t++;
        double correction1 = 1 - DoubleMath.Pow(_beta1, _t), correction2 = 1 - DoubleMath.Pow(_beta2, _t);
        _stepSize = _torchEpsilon ? (float)(LearningRate / correction1) : (float)(LearningRate * Math.Sqrt(correction2) / correction1);
        _sqrtCorrection2 = (float)Math.Sqrt(correction2);
        _decayFactor = (float)(1 - LearningRate * _decay);
    }

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        var m = _m[index].AsSpan(start, w.Length);
        var v = _v[index].AsSpan(start, w.Length);
        if (_decay != 0) VectorOps.Scale(w, _decayFactor);
        if (_amsgrad || _torchEpsilon)
        {
            UpdateGeneral(index, start, w, g, m, v);
            return;
        }
        VectorOps.AdamStep(w, g, m, v, _b1, _oneMinusB1, _b2, _oneMinusB2, _stepSize, _epsilon);
    }

    private void UpdateGeneral(int index, int start, Span<float> w, Span<float> g, Span<float> m, Span<float> v)
    {
        var vMax = _amsgrad ? _vMax[index].AsSpan(start, w.Length) : v;
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = _b1 * m[i] + _oneMinusB1 * g[i];
            v[i] = _b2 * v[i] + _oneMinusB2 * g[i] * g[i];
            if (_amsgrad) vMax[i] = MathF.Max(vMax[i], v[i]);
            float denominator = _torchEpsilon ? MathF.Sqrt(vMax[i]) / _sqrtCorrection2 + _epsilon : MathF.Sqrt(vMax[i]) + _epsilon;
            w[i] -= _stepSize * (m[i] / denominator);
        }
    }
}
