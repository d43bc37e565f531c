using ActRun.Core.Engine;

namespace ActRun.Core.Layers;

/// <summary>
/// Layer normalization (Keras <c>LayerNormalization(epsilon=0.001)</c> over the last axis; PyTorch's
/// <c>nn.LayerNorm</c> uses ε = 1e-5): per row, the mean μ and biased variance σ² of its units give
/// x̂ = (x − μ)/√(σ² + ε), y = γ·x̂ + β with a learned scale and offset per unit. The same in training and evaluation.
/// Backward: dx̂ = dy·γ; dx = (1/√(σ²+ε))/N · (N·dx̂ − Σdx̂ − x̂·Σ(dx̂·x̂)) over the row; dγ += Σ dy·x̂; dβ += Σ dy.
/// A row's sums run in double over 16 fixed lanes (<see cref="VectorOps.Sum"/>), vectorized and the same on every
/// SIMD width; dγ and dβ add the rows in order.
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
        for (int r = 0; r < rows; r++)
        {
            var x = input.AsSpan(r * n, n);
            double mean = VectorOps.Sum(x) / n;
            double invStd = 1 / Math.Sqrt(VectorOps.SumOfSquaredDeviations(x, mean) / n + Epsilon);
            _invStd[r] = invStd;
            VectorOps.Normalize(x, mean, invStd, Gamma.Value, Beta.Value, _xhat.AsSpan(r * n, n), _y.AsSpan(r * n, n));
        }
        return _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        int n = Outputs;
        var gamma = Gamma.Value;
        for (int r = 0; r < rows; r++)
        {
            var dy = outputGradient.AsSpan(r * n, n);
            VectorOps.AddProduct(Gamma.Gradient, dy, _xhat.AsSpan(r * n, n));
            VectorOps.AddInPlace(Beta.Gradient, dy);
        }
        if (!needInputGradient) return null;
        for (int r = 0; r < rows; r++)
        {
            var dy = outputGradient.AsSpan(r * n, n);
            var xhat = _xhat.AsSpan(r * n, n);
            var (sum, sumXhat) = VectorOps.ScaledSums(dy, gamma, xhat);
            VectorOps.LayerNormInputGradient(dy, xhat, gamma, _invStd[r] / n, n, sum, sumXhat, _dx.AsSpan(r * n, n));
        }
        return _dx;
    }
}
