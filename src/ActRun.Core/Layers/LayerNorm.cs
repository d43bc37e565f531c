namespace ActRun.Core.Layers;

/// <summary>
/// Layer normalization (Keras <c>LayerNormalization(epsilon=0.001)</c> over the last axis; PyTorch's
/// <c>nn.LayerNorm</c> uses ε = 1e-5): per row, the mean μ and biased variance σ² of its units give
/// x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β with a learned scale and offset per unit. The same in training and evaluation.
/// Backward: dx̂ = dy·γ; dx = (1/√(σ²+ε))/N · (N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)) over the row; dγ += Σ dy·x̂; dβ += Σ dy.
/// </summary>
public sealed class LayerNorm : Layer
{
    public const double DefaultEpsilon = 1e-3;

    private readonly float[] _y, _xhat, _dx;
    private readonly double[] _invStd;

    public LayerNorm(int units, double epsilon, int maxBatch) : base(units, units)
    {
        Epsilon = epsilon;
        Gamma = new Parameter("gamma", units);
        Beta = new Parameter("beta", units);
        Array.Fill(Gamma.Value, 1f);
        _y = new float[maxBatch * units];
        _xhat = new float[maxBatch * units];
        _dx = new float[maxBatch * units];
        _invStd = new double[maxBatch];
    }

    public double Epsilon { get; }
    public Parameter Gamma { get; }
    public Parameter Beta { get; }

    public override string Kind => "layer_norm";
    public override string Label => LayerSpec.Print("layer_norm", null, [("epsilon", Epsilon, DefaultEpsilon)]);
    public override IReadOnlyList<Parameter> Parameters => [Gamma, Beta];
    public override ReadOnlySpan<float> Output(int rows) => _y.AsSpan(0, rows * Outputs);

    public override void Initialize(Initializers.Initializer init, Engine.Rng rng)
    {
        Array.Fill(Gamma.Value, 1f);
        Array.Clear(Beta.Value);
    }

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        int n = Outputs;
        var gamma = Gamma.Value;
        var beta = Beta.Value;
        for (int r = 0; r < rows; r++)
        {
            var x = input.AsSpan(r * n, n);
            double mean = 0, variance = 0;
            foreach (float v in x) mean += v;
            mean /= n;
            foreach (float v in x) variance += (v - mean) * (v - mean);
            double invStd = 1 / Math.Sqrt(variance / n + Epsilon);
            _invStd[r] = invStd;
            for (int j = 0; j < n; j++)
            {
                float xhat = (float)((x[j] - mean) * invStd);
                _xhat[r * n + j] = xhat;
                _y[r * n + j] = gamma[j] * xhat + beta[j];
            }
        }
        return _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        int n = Outputs;
        var gamma = Gamma.Value;
        var dGamma = Gamma.Gradient;
        var dBeta = Beta.Gradient;
        for (int r = 0; r < rows; r++)
        {
            double sum = 0, sumXhat = 0;
            for (int j = 0; j < n; j++)
            {
                int i = r * n + j;
                float dy = outputGradient[i];
                dGamma[j] += dy * _xhat[i];
                dBeta[j] += dy;
                double dxhat = (double)dy * gamma[j];
                sum += dxhat;
                sumXhat += dxhat * _xhat[i];
            }
            if (!needInputGradient) continue;
            double scale = _invStd[r] / n;
            for (int j = 0; j < n; j++)
            {
                int i = r * n + j;
                _dx[i] = (float)(scale * (n * (double)outputGradient[i] * gamma[j] - sum - _xhat[i] * sumXhat));
            }
        }
        return needInputGradient ? _dx : null;
    }
}
