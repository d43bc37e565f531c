using ActRun.Core.Engine;

namespace ActRun.Core.Layers;

/// <summary>
/// Batch normalization (Keras <c>BatchNormalization(momentum=0.99, epsilon=0.001)</c>, over the last axis, with a
/// learned scale γ and offset β). Training: per unit, the batch mean μ and biased variance σ² give
/// x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β, and the running statistics move: m ← momentum·m + (1 − momentum)·μ,
/// v ← momentum·v + (1 − momentum)·σ². Evaluation uses m and v in place of μ and σ².
/// PyTorch's <c>BatchNorm1d</c> differs: its momentum is the weight of the new value (0.1 there = 0.9 here),
/// its ε is 1e-5, and its running variance takes the unbiased batch variance.
/// Backward (training): dx = (γ/√(σ²+ε))/N · (N·dy − Σdy − x̂·Σ(dy·x̂)); dγ += Σ dy·x̂; dβ += Σ dy.
/// Sums are in double, per unit in row order, so the bits do not depend on SIMD width or threads (the loops run across
/// units, vectorized by <see cref="VectorOps"/>).
/// </summary>
public sealed class BatchNorm : Layer
{
    public const double DefaultMomentum = 0.99, DefaultEpsilon = 1e-3;

    private readonly float[] _y, _xhat, _dx;
    private readonly double[] _mean, _invStd, _sumDy, _sumDyXhat, _scale;
    private float[] _last = [];

    public BatchNorm(int units, double momentum, double epsilon, int maxBatch) : base(units, units)
    {
        Momentum = momentum;
        Epsilon = epsilon;
        Gamma = new Parameter("gamma", units);
        Beta = new Parameter("beta", units);
        MovingMean = new float[units];
        MovingVariance = new float[units];
        _y = new float[maxBatch * units];
        _xhat = new float[maxBatch * units];
        _dx = new float[maxBatch * units];
        (_mean, _invStd, _sumDy, _sumDyXhat, _scale) = (new double[units], new double[units], new double[units], new double[units], new double[units]);
        Reset();
    }

    public double Momentum { get; }
    public double Epsilon { get; }
    public Parameter Gamma { get; }
    public Parameter Beta { get; }
    public float[] MovingMean { get; }
    public float[] MovingVariance { get; }

    public override string Kind => "batch_norm";
    public override string Label => LayerSpec.Print("batch_norm", null, [("momentum", Momentum, DefaultMomentum), ("epsilon", Epsilon, DefaultEpsilon)]);
    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta];
    public override IReadOnlyList<StateTensor> State => [new("moving_mean", MovingMean), new("moving_variance", MovingVariance)];
    public override ReadOnlySpan<float> Output(int rows) => _last.AsSpan(0, rows * Outputs);

    /// <summary>γ = 1, β = 0, running mean 0 and variance 1 (Keras's initial values).</summary>
    public override void Initialize(Initializers.Initializer init, Engine.Rng rng) => Reset();

    private void Reset()
    {
        Array.Fill(Gamma.Value, 1f);
        Array.Clear(Beta.Value);
        Array.Clear(MovingMean);
        Array.Fill(MovingVariance, 1f);
    }

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        int n = Outputs;
        if (context.Training)
        {
            Array.Clear(_mean);
            var variance = _sumDy; // scratch until the backward pass
            Array.Clear(variance);
            for (int r = 0; r < rows; r++) VectorOps.AddWidened(_mean, input.AsSpan(r * n, n));
            for (int j = 0; j < n; j++) _mean[j] /= rows;
            for (int r = 0; r < rows; r++) VectorOps.AddSquaredDeviation(variance, input.AsSpan(r * n, n), _mean);
            float keep = (float)Momentum, take = (float)(1 - Momentum);
            for (int j = 0; j < n; j++)
            {
                variance[j] /= rows;
                _invStd[j] = 1 / Math.Sqrt(variance[j] + Epsilon);
                MovingMean[j] = keep * MovingMean[j] + take * (float)_mean[j];
                MovingVariance[j] = keep * MovingVariance[j] + take * (float)variance[j];
            }
        }
        else
        {
            for (int j = 0; j < n; j++)
            {
                _mean[j] = MovingMean[j];
                _invStd[j] = 1 / Math.Sqrt(MovingVariance[j] + Epsilon);
            }
        }
        for (int r = 0; r < rows; r++)
            VectorOps.Normalize(input.AsSpan(r * n, n), _mean, _invStd, Gamma.Value, Beta.Value, _xhat.AsSpan(r * n, n), _y.AsSpan(r * n, n));
        return _last = _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        int n = Outputs;
        Array.Clear(_sumDy);
        Array.Clear(_sumDyXhat);
        for (int r = 0; r < rows; r++)
            VectorOps.AddSumAndProduct(_sumDy, _sumDyXhat, outputGradient.AsSpan(r * n, n), _xhat.AsSpan(r * n, n));
        var dGamma = Gamma.Gradient;
        var dBeta = Beta.Gradient;
        for (int j = 0; j < n; j++)
        {
            dGamma[j] += (float)_sumDyXhat[j];
            dBeta[j] += (float)_sumDy[j];
        }
        if (!needInputGradient) return null;
        var gamma = Gamma.Value;
        for (int j = 0; j < n; j++) _scale[j] = gamma[j] * _invStd[j] / rows;
        for (int r = 0; r < rows; r++)
            VectorOps.BatchNormInputGradient(outputGradient.AsSpan(r * n, n), _xhat.AsSpan(r * n, n), _scale, _sumDy, _sumDyXhat, rows,
                _dx.AsSpan(r * n, n));
        return _dx;
    }
}
