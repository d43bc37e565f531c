using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Adam with Keras's defaults (β1 0.9, β2 0.999, ε 1e-7) and Keras's form of the bias correction:
/// m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr·√(1−β2^t)/(1−β1^t) · m / (√v + ε).
/// </summary>
public sealed class Adam : Optimizer
{
    private const double Beta1 = 0.9, Beta2 = 0.999;
    private const float Epsilon = 1e-7f;
    private readonly float[][] _m, _v;
    private int _t;
    private float _stepSize;

    public Adam(IReadOnlyList<Parameter> parameters, double learningRate, KernelTeam? team = null) : base(parameters, team)
    {
        LearningRate = learningRate;
        _m = parameters.Select(p => new float[p.Value.Length]).ToArray();
        _v = parameters.Select(p => new float[p.Value.Length]).ToArray();
    }

    protected override void OnStep()
    {
        _t++;
        _stepSize = (float)(LearningRate * Math.Sqrt(1 - DoubleMath.Pow(Beta2, _t)) / (1 - DoubleMath.Pow(Beta1, _t)));
    }

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        var m = _m[index].AsSpan(start, w.Length);
        var v = _v[index].AsSpan(start, w.Length);
        const float b1 = (float)Beta1, b2 = (float)Beta2;
        for (int i = 0; i < w.Length; i++)
        {
            m[i] = b1 * m[i] + (1 - b1) * g[i];
            v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i];
            w[i] -= _stepSize * m[i] / (MathF.Sqrt(v[i]) + Epsilon);
        }
    }
}
