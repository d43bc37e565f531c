using ActRun.Core.Engine;

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

    /// <summary>Rows whose sums run side by side (see <see cref="RowMoments"/>).</summary>
    private const int RowGroup = 4;

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
        Span<double> mean = stackalloc double[RowGroup], variance = stackalloc double[RowGroup];
        for (int r = 0; r < rows; r += RowGroup)
        {
            int group = Math.Min(RowGroup, rows - r);
            RowMoments(input, r, group, n, mean, variance);
            for (int k = 0; k < group; k++)
            {
                double invStd = 1 / Math.Sqrt(variance[k] / n + Epsilon);
                _invStd[r + k] = invStd;
                int at = (r + k) * n;
                VectorOps.Normalize(input.AsSpan(at, n), mean[k], invStd, Gamma.Value, Beta.Value, _xhat.AsSpan(at, n), _y.AsSpan(at, n));
            }
        }
        return _y;
    }

    /// <summary>
    /// The mean and the sum of squared deviations of rows r..r+group−1, each summed in double over its units in order;
    /// four rows at a time, so the four sums overlap in the processor (each row's sum is the same as alone).
    /// </summary>
    private static void RowMoments(float[] input, int r, int group, int n, Span<double> mean, Span<double> deviation)
    {
        if (group == RowGroup)
        {
            var x0 = input.AsSpan(r * n, n);
            var x1 = input.AsSpan((r + 1) * n, n);
            var x2 = input.AsSpan((r + 2) * n, n);
            var x3 = input.AsSpan((r + 3) * n, n);
            double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
            for (int j = 0; j < n; j++)
            {
                m0 += x0[j];
                m1 += x1[j];
                m2 += x2[j];
                m3 += x3[j];
            }
            (m0, m1, m2, m3) = (m0 / n, m1 / n, m2 / n, m3 / n);
            double v0 = 0, v1 = 0, v2 = 0, v3 = 0;
            for (int j = 0; j < n; j++)
            {
                v0 += (x0[j] - m0) * (x0[j] - m0);
                v1 += (x1[j] - m1) * (x1[j] - m1);
                v2 += (x2[j] - m2) * (x2[j] - m2);
                v3 += (x3[j] - m3) * (x3[j] - m3);
            }
            (mean[0], mean[1], mean[2], mean[3]) = (m0, m1, m2, m3);
            (deviation[0], deviation[1], deviation[2], deviation[3]) = (v0, v1, v2, v3);
            return;
        }
        for (int k = 0; k < group; k++)
        {
            var x = input.AsSpan((r + k) * n, n);
            double m = 0, v = 0;
            foreach (float value in x) m += value;
            m /= n;
            foreach (float value in x) v += (value - m) * (value - m);
            (mean[k], deviation[k]) = (m, v);
        }
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
        Span<double> sum = stackalloc double[RowGroup], sumXhat = stackalloc double[RowGroup];
        for (int r = 0; r < rows; r += RowGroup)
        {
            int group = Math.Min(RowGroup, rows - r);
            GradientSums(outputGradient, r, group, n, sum, sumXhat);
            for (int k = 0; k < group; k++)
            {
                int at = (r + k) * n;
                VectorOps.LayerNormInputGradient(outputGradient.AsSpan(at, n), _xhat.AsSpan(at, n), gamma, _invStd[r + k] / n, n,
                    sum[k], sumXhat[k], _dx.AsSpan(at, n));
            }
        }
        return _dx;
    }

    /// <summary>Per row, Σ dx̂ and Σ dx̂·x̂ with dx̂ = dy·γ, in double over the units in order; four rows at a time as in <see cref="RowMoments"/>.</summary>
    private void GradientSums(float[] dy, int r, int group, int n, Span<double> sum, Span<double> sumXhat)
    {
        var gamma = Gamma.Value;
        if (group == RowGroup)
        {
            var d0 = dy.AsSpan(r * n, n);
            var d1 = dy.AsSpan((r + 1) * n, n);
            var d2 = dy.AsSpan((r + 2) * n, n);
            var d3 = dy.AsSpan((r + 3) * n, n);
            var h0 = _xhat.AsSpan(r * n, n);
            var h1 = _xhat.AsSpan((r + 1) * n, n);
            var h2 = _xhat.AsSpan((r + 2) * n, n);
            var h3 = _xhat.AsSpan((r + 3) * n, n);
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, p0 = 0, p1 = 0, p2 = 0, p3 = 0;
            for (int j = 0; j < n; j++)
            {
                double g = gamma[j];
                double e0 = d0[j] * g, e1 = d1[j] * g, e2 = d2[j] * g, e3 = d3[j] * g;
                s0 += e0;
                s1 += e1;
                s2 += e2;
                s3 += e3;
                p0 += e0 * h0[j];
                p1 += e1 * h1[j];
                p2 += e2 * h2[j];
                p3 += e3 * h3[j];
            }
            (sum[0], sum[1], sum[2], sum[3]) = (s0, s1, s2, s3);
            (sumXhat[0], sumXhat[1], sumXhat[2], sumXhat[3]) = (p0, p1, p2, p3);
            return;
        }
        for (int k = 0; k < group; k++)
        {
            var d = dy.AsSpan((r + k) * n, n);
            var h = _xhat.AsSpan((r + k) * n, n);
            double s = 0, p = 0;
            for (int j = 0; j < n; j++)
            {
                double e = (double)d[j] * gamma[j];
                s += e;
                p += e * h[j];
            }
            (sum[k], sumXhat[k]) = (s, p);
        }
    }
}
