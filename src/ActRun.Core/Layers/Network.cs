using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;

namespace ActRun.Core.Layers;

/// <summary>
/// A multi-layer perceptron: hidden Dense layers with one activation, then a linear output layer whose
/// logits go to an output head (the output activation fused with its loss).
/// </summary>
public sealed class Network
{
    private readonly Dense[] _layers;

    /// <param name="activation">Makes one activation per hidden layer (an activation may hold per-layer state).</param>
    /// <param name="team">Threads that share the layers' matrix products (null: one thread); the numbers do not depend on it.</param>
    public Network(int inputs, IReadOnlyList<int> hidden, Func<Activation> activation, int outputs, int maxBatch, KernelTeam? team = null)
    {
        var layers = new List<Dense>();
        int fanIn = inputs;
        foreach (int width in hidden)
        {
            CheckSize(layers.Count + 1, fanIn, width, maxBatch);
            layers.Add(new Dense(fanIn, width, activation(), maxBatch, team));
            fanIn = width;
        }
        CheckSize(layers.Count + 1, fanIn, outputs, maxBatch);
        layers.Add(new Dense(fanIn, outputs, new Linear(), maxBatch, team));
        _layers = layers.ToArray();
        Parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        MaxBatch = maxBatch;
    }

    /// <summary>
    /// A layer's kernel and its batch buffers are single arrays: beyond what one array holds the int sizes would
    /// overflow, so such a model is a setting error, found before anything is allocated.
    /// </summary>
    private static void CheckSize(int layer, int inputs, int outputs, int maxBatch)
    {
        long largest = Math.Max((long)inputs * outputs, (long)maxBatch * Math.Max(inputs, outputs));
        if (largest > Array.MaxLength)
            throw new ConfigException($"The model is too large: layer {layer} ({inputs} -> {outputs} units, batches of {maxBatch}) needs {largest} values in one array, " +
                                      $"more than the {Array.MaxLength} an array can hold. Use narrower layers or a smaller batch size.");
    }

    public IReadOnlyList<Dense> Layers => _layers;
    public IReadOnlyList<Parameter> Parameters { get; }
    public int MaxBatch { get; }
    public int Inputs => _layers[0].Inputs;
    public int Outputs => _layers[^1].Outputs;

    /// <summary>Weights from the initializer in layer order from one generator; biases zero.</summary>
    public void Initialize(Initializer init, Rng rng)
    {
        foreach (var layer in _layers) layer.Initialize(init, rng);
    }

    /// <summary>Logits (rows × Outputs) for a batch of rows × Inputs.</summary>
    public float[] Forward(float[] input, int rows, in ActivationContext context)
    {
        float[] x = input;
        foreach (var layer in _layers) x = layer.Forward(x, rows, context);
        return x;
    }

    /// <summary>Back-propagates dL/dlogits, adding every parameter's gradient.</summary>
    public void Backward(float[] logitGradient, int rows)
    {
        float[] g = logitGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
            g = _layers[i].Backward(g, rows, needInputGradient: i > 0)!;
    }

    /// <summary>Every layer applies plain SGD to its kernel in its backward pass (see <see cref="Dense.FuseWeightStep"/>).</summary>
    internal void FuseWeightSteps(float rate)
    {
        foreach (var layer in _layers) layer.FuseWeightStep(rate);
    }
}
