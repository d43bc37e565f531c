using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>
/// Adagrad, Keras form: a ← a + g²; w ← w − lr·g/√(a + ε), the sum a starting at initial_accumulator (Keras 0.1).
/// torch_epsilon: w ← w − lr·g/(√a + ε) as PyTorch, whose defaults are initial_accumulator_value 0 and ε 1e-10 (its lr_decay is not offered: use a schedule).
/// </summary>
public sealed class Adagrad : Optimizer
{
    private readonly float _epsilon;
    private readonly bool _torchEpsilon;
    private readonly float[][] _sum;

    public Adagrad(IReadOnlyList<Parameter> parameters, OptimizerSettings settings, KernelTeam? team = null) : base(parameters, settings, team)
    {
        _epsilon = (float)settings[OptimizerParameters.Epsilon];
        _torchEpsilon = settings[OptimizerParameters.TorchEpsilon] != 0;
        float initial = (float)settings[OptimizerParameters.InitialAccumulator];
        _sum = parameters.Select(p => Enumerable.Repeat(initial, p.Value.Length).ToArray()).ToArray();
    }

    protected override void Update(int index, int start, Span<float> w, Span<float> g)
    {
        float lr = (float)LearningRate;
        var a = _sum[index].AsSpan(start, w.Length);
        for (int i = 0; i < w.Length; i++)
        {
            a[i] += g[i] * g[i];
            float d = _torchEpsilon ? MathF.Sqrt(a[i]) + _epsilon : MathF.Sqrt(a[i] + _epsilon);
            w[i] -= lr * g[i] / d;
        }
    }
}
