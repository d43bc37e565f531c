using ActRun.Core.Engine;

namespace ActRun.Core.Layers;

/// <summary>
/// Inverted dropout (Keras <c>Dropout(rate)</c>, PyTorch <c>nn.Dropout(p)</c>): while training each value is kept
/// with probability 1 − rate and scaled by 1/(1 − rate), else zeroed; at evaluation the layer is the identity.
/// Backward: dx = dy ⊙ mask. The masks come from the run's noise generator, one draw per value in row order.
/// </summary>
public sealed class Dropout : Layer
{
    private readonly float[] _mask;
    private readonly float[] _y;
    private readonly float[] _dx;
    private float[] _last = [];

    public Dropout(int units, double rate, int maxBatch) : base(units, units)
    {
        Rate = rate;
        _mask = new float[maxBatch * units];
        _y = new float[maxBatch * units];
        _dx = new float[maxBatch * units];
    }

    public double Rate { get; }
    public override string Kind => "dropout";
    public override string Label => $"dropout({LayerSpec.FormatNumber(Rate)})";
    public override ReadOnlySpan<float> Output(int rows) => _last.AsSpan(0, rows * Outputs);

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        if (!context.Training || Rate == 0) return _last = input;
        int n = rows * Outputs;
        context.NoiseRng.FillBernoulliMask(_mask.AsSpan(0, n), (float)Rate, 0f, (float)(1 / (1 - Rate)));
        VectorOps.Multiply(input.AsSpan(0, n), _mask.AsSpan(0, n), _y);
        return _last = _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        if (!needInputGradient) return null;
        int n = rows * Outputs;
        if (Rate == 0) return outputGradient;
        VectorOps.Multiply(outputGradient.AsSpan(0, n), _mask.AsSpan(0, n), _dx);
        return _dx;
    }
}

/// <summary>
/// Alpha dropout for SELU networks (Keras <c>AlphaDropout(rate)</c>, PyTorch <c>nn.AlphaDropout(p)</c>; Klambauer et
/// al. 2017): a dropped value is set to SELU's negative saturation α' = −λα instead of 0, then the layer applies the
/// affine map y = a·x' + b that keeps a zero-mean unit-variance input so: a = ((1−rate)(1 + rate·α'²))^−½,
/// b = −a·α'·rate. Evaluation: the identity. Backward: dx = a·dy ⊙ keep.
/// </summary>
public sealed class AlphaDropout : Layer
{
    private const double SeluAlpha = 1.6732632423543772848170429916717, SeluScale = 1.0507009873554804934193349852946;
    private readonly float[] _keep;
    private readonly float[] _y;
    private readonly float[] _dx;
    private readonly float _a, _b, _alphaPrime;
    private float[] _last = [];

    public AlphaDropout(int units, double rate, int maxBatch) : base(units, units)
    {
        Rate = rate;
        double alphaPrime = -SeluAlpha * SeluScale;
        double a = 1 / Math.Sqrt((1 - rate) * (1 + rate * alphaPrime * alphaPrime));
        (_a, _b, _alphaPrime) = ((float)a, (float)(-a * alphaPrime * rate), (float)alphaPrime);
        _keep = new float[maxBatch * units];
        _y = new float[maxBatch * units];
        _dx = new float[maxBatch * units];
    }

    public double Rate { get; }
    public override string Kind => "alpha_dropout";
    public override string Label => $"alpha_dropout({LayerSpec.FormatNumber(Rate)})";
    public override ReadOnlySpan<float> Output(int rows) => _last.AsSpan(0, rows * Outputs);

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        if (!context.Training || Rate == 0) return _last = input;
        int n = rows * Outputs;
        context.NoiseRng.FillBernoulliMask(_keep.AsSpan(0, n), (float)Rate, 0f, 1f);
        VectorOps.AlphaDropout(input.AsSpan(0, n), _keep.AsSpan(0, n), _a, _alphaPrime, _b, _y);
        return _last = _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        if (!needInputGradient) return null;
        if (Rate == 0) return outputGradient;
        int n = rows * Outputs;
        VectorOps.MultiplyScaled(_a, outputGradient.AsSpan(0, n), _keep.AsSpan(0, n), _dx);
        return _dx;
    }
}

/// <summary>
/// Additive gaussian noise (Keras <c>GaussianNoise(stddev)</c>; PyTorch has no such layer): while training
/// y = x + N(0, stddev²) per value, at evaluation the identity. Backward: dx = dy.
/// </summary>
public sealed class GaussianNoise : Layer
{
    private readonly float[] _y;
    private float[] _last = [];

    public GaussianNoise(int units, double stddev, int maxBatch) : base(units, units)
    {
        Stddev = stddev;
        _y = new float[maxBatch * units];
    }

    public double Stddev { get; }
    public override string Kind => "gaussian_noise";
    public override string Label => $"gaussian_noise({LayerSpec.FormatNumber(Stddev)})";
    public override ReadOnlySpan<float> Output(int rows) => _last.AsSpan(0, rows * Outputs);

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        if (!context.Training || Stddev == 0) return _last = input;
        Rng rng = context.NoiseRng;
        int n = rows * Outputs;
        for (int i = 0; i < n; i++) _y[i] = input[i] + (float)(Stddev * rng.NextGaussian());
        return _last = _y;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused) =>
        needInputGradient ? outputGradient : null;
}
