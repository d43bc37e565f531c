using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Training;

/// <summary>
/// One layer's health in one epoch (layer 1 is the first layer of the network; the last is the output layer). The
/// weight and gradient norms are those of the layer's first parameter (a dense layer's kernel, a normalization's γ;
/// NaN for a layer without parameters); dead and saturated fractions are NaN for a layer without an activation
/// (normalization, dropout, noise): a unit there has no derivative that could be zero or flat. <paramref name="Kind"/> is
/// the layer's kind as in the model spec (<c>dense</c>, <c>batch_norm</c>, <c>act</c>, …). <paramref name="InputP15"/>,
/// <paramref name="InputP50"/> and <paramref name="InputP85"/> are the 15th, 50th and 85th percentiles of the activation
/// function's input z over every probe sample and unit of the layer (<see cref="Percentiles"/>: linear interpolation,
/// as numpy's default), the distribution Ioffe &amp; Szegedy's Figure 1(b, c) follows through training; NaN for a layer
/// without an activation, like the dead and saturated fractions (its output is the next layer's input, not an
/// activation's), and when z holds a NaN.
/// </summary>
public sealed record LayerStats(
    int Epoch, int Layer, double WeightNorm, double GradNorm, double UpdateRatio,
    double ActivationMean, double ActivationStd, double DeadFraction, double SaturatedFraction, string Kind = "dense",
    double InputP15 = double.NaN, double InputP50 = double.NaN, double InputP85 = double.NaN);

/// <summary>
/// Watches a network while it trains, without changing a single number of the training itself: on every 8th step
/// of an epoch (steps 1, 9, 17, … counting from 1) the kernel gradient's norm and the update ratio ‖ΔW‖/‖W‖ (a copy
/// of W before the step), averaged over the epoch's sampled steps, and after each epoch the activations of a fixed probe batch (the first
/// training samples): mean, deviation, dead units (zero derivative for every probe sample), saturation
/// (derivative below 5% of its maximum) and the 15th, 50th and 85th percentiles of the activation's input.
/// </summary>
public sealed class LayerDiagnostics
{
    private const int ProbeRows = 256;
    private const int SampleEvery = 8;
    private const double SaturationShare = 0.05;
    private static readonly double[] InputPercentiles = [15, 50, 85];

    private readonly Network _network;
    private readonly float[] _probe;
    private readonly int _probeRows;
    private readonly double?[] _maxDerivative;
    private readonly double[] _gradSum;
    private readonly double[] _ratioSum;
    private readonly float[][] _before;
    private readonly Parameter?[] _weights;
    /// <summary>A copy of one layer's pre-activations to sort for the percentiles: the network's own buffers stay as they are.</summary>
    private readonly float[] _sorted;
    private readonly double[] _percentiles = new double[InputPercentiles.Length];
    private int _sampled;

    public LayerDiagnostics(Network network, DataSplit train)
    {
        _network = network;
        _probeRows = Math.Min(ProbeRows, Math.Min(train.Count, network.MaxBatch));
        _probe = new float[_probeRows * network.Inputs];
        train.Features.CopyRange(0, _probeRows, _probe);
        int layers = network.Layers.Count;
        _maxDerivative = network.Layers.Select(l => l.Activation is { } a ? ActivationRegistry.Find(a.Spec.Name)?.MaxDerivative : null).ToArray();
        _gradSum = new double[layers];
        _ratioSum = new double[layers];
        // Found once: a layer's Parameters list is built on each call, and a sampled step allocates nothing.
        _weights = network.Layers.Select(Weights).ToArray();
        _before = _weights.Select(w => new float[w?.Value.Length ?? 0]).ToArray();
        _sorted = new float[_probeRows * network.Layers.Select(l => l.Outputs).DefaultIfEmpty(0).Max()];
    }

    /// <summary>
    /// Whether step <paramref name="step"/> (from 0 in each epoch) is one the diagnostics measure: every 8th. Its
    /// backward pass must store the gradients (not fuse the update): the trainer asks before the pass, so the other
    /// steps keep the fused update at full speed. Fused or not, the weights get the same bits.
    /// </summary>
    public static bool Samples(int step) => step % SampleEvery == 0;

    /// <summary>After the backward pass of a sampled step, before the optimizer moves the weights.</summary>
    public void AfterBackward()
    {
        for (int i = 0; i < _network.Layers.Count; i++)
        {
            if (_weights[i] is not { } w) continue;
            _gradSum[i] += Math.Sqrt(VectorOps.SumOfSquares(w.Gradient));
            w.Value.CopyTo(_before[i], 0);
        }
    }

    /// <summary>After the optimizer step of a sampled step.</summary>
    public void AfterStep()
    {
        for (int i = 0; i < _network.Layers.Count; i++)
        {
            if (_weights[i] is not { } weights) continue;
            double delta = VectorOps.SumOfSquaredDifferences(weights.Value, _before[i]), size = VectorOps.SumOfSquares(_before[i]);
            _ratioSum[i] += size > 0 ? Math.Sqrt(delta / size) : 0;
        }
        _sampled++;
    }

    /// <summary>The epoch's rows; resets the per-epoch sums.</summary>
    public IReadOnlyList<LayerStats> EndEpoch(int epoch)
    {
        _network.Forward(_probe, _probeRows, LayerContext.Evaluation);
        var stats = new List<LayerStats>();
        for (int i = 0; i < _network.Layers.Count; i++)
        {
            var layer = _network.Layers[i];
            var (mean, std, dead, saturated) = Probe(layer, _maxDerivative[i]);
            InputPercentilesOf(layer);
            var weights = _weights[i];
            bool weighted = weights is not null;
            stats.Add(new LayerStats(epoch, i + 1, weighted ? Norm(weights!.Value) : double.NaN, weighted && _sampled > 0 ? _gradSum[i] / _sampled : double.NaN,
                weighted && _sampled > 0 ? _ratioSum[i] / _sampled : double.NaN, mean, std, dead, saturated, layer.Kind,
                _percentiles[0], _percentiles[1], _percentiles[2]));
        }
        Array.Clear(_gradSum);
        Array.Clear(_ratioSum);
        _sampled = 0;
        return stats;
    }

    /// <summary>The parameter whose norms a layer's row reports: the first (a kernel, a γ), or null.</summary>
    private static Parameter? Weights(Layer layer) => layer.Parameters.Count > 0 && layer.Parameters[0] != layer.ActivationParameters ? layer.Parameters[0] : null;

    /// <summary>The pre-activations z of the probe batch in a layer with an activation; empty for any other layer.</summary>
    private ReadOnlySpan<float> PreActivations(Layer layer) => layer switch
    {
        Dense d => d.PreActivations(_probeRows),
        ActivationLayer l => l.PreActivations(_probeRows),
        _ => default,
    };

    /// <summary>The percentiles of <see cref="InputPercentiles"/> of the layer's z into <see cref="_percentiles"/> (NaN without an activation).</summary>
    private void InputPercentilesOf(Layer layer)
    {
        var z = layer.Activation is null ? default : PreActivations(layer);
        var copy = _sorted.AsSpan(0, z.Length);
        z.CopyTo(copy);
        Percentiles.SortAndCompute(copy, InputPercentiles, _percentiles);
    }

    private (double Mean, double Std, double Dead, double Saturated) Probe(Layer layer, double? knownMax)
    {
        int rows = _probeRows, n = layer.Outputs;
        var a = layer.Output(rows);
        var (mean, std) = MeanStd(a);
        var z = PreActivations(layer);
        if (layer.Activation is not { } activation || z.IsEmpty) return (mean, std, double.NaN, double.NaN);
        var derivative = new float[rows * n];
        var ones = new float[rows * n];
        Array.Fill(ones, 1f);
        var parameters = layer.ActivationParameters;
        // dz for da = 1 is f'(z); parameter gradients go to a scratch buffer, never to the layer's own.
        activation.Backward(z, a, ones, derivative, n, parameters is null ? default : parameters.Value,
            parameters is null ? default : new float[parameters.Value.Length]);

        double max = knownMax ?? derivative.Max(d => Math.Abs(d));
        int saturated = 0, dead = 0;
        for (int unit = 0; unit < n; unit++)
        {
            bool alwaysZero = true;
            for (int r = 0; r < rows; r++)
            {
                float d = Math.Abs(derivative[r * n + unit]);
                if (d != 0) alwaysZero = false;
                if (d < SaturationShare * max) saturated++;
            }
            if (alwaysZero) dead++;
        }
        return (mean, std, (double)dead / n, max > 0 ? (double)saturated / (rows * n) : 0);
    }

    private static (double Mean, double Std) MeanStd(ReadOnlySpan<float> a)
    {
        double sum = 0, squares = 0;
        foreach (float v in a)
        {
            sum += v;
            squares += (double)v * v;
        }
        double mean = sum / a.Length;
        return (mean, Math.Sqrt(Math.Max(0, squares / a.Length - mean * mean)));
    }

    private static double Norm(ReadOnlySpan<float> values) => Math.Sqrt(VectorOps.SumOfSquares(values));
}
