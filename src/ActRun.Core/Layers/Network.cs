using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;

namespace ActRun.Core.Layers;

/// <summary>
/// A sequence of layers built from a <see cref="ModelSpec"/>, then a linear output dense layer whose logits go to an
/// output head (the output activation fused with its loss). A spec's <c>dense(n), act</c> becomes one
/// <see cref="Dense"/> with its activation (the plain model is exactly the dense stack it always was).
/// </summary>
public sealed class Network
{
    private readonly Layer[] _layers;

    /// <summary>The plain model: <paramref name="hidden"/> dense layers, each with the compared activation.</summary>
    public Network(int inputs, IReadOnlyList<int> hidden, Func<Activation> activation, int outputs, int maxBatch, KernelTeam? team = null)
        : this(inputs, ModelSpec.Plain(hidden), activation, outputs, maxBatch, team)
    {
    }

    /// <param name="activation">Makes the compared activation once per <c>act</c> (an activation may hold per-layer state).</param>
    /// <param name="team">Threads that share the layers' matrix products (null: one thread); the numbers do not depend on it.</param>
    public Network(int inputs, ModelSpec spec, Func<Activation> activation, int outputs, int maxBatch, KernelTeam? team = null)
    {
        Spec = spec;
        var layers = new List<Layer>();
        int width = inputs;
        var specs = spec.Layers;
        for (int i = 0; i < specs.Count; i++)
        {
            var s = specs[i];
            Activation MakeActivation(LayerSpec a) => a.FixedActivation is { } fixedText ? ActivationRegistry.Create(fixedText) : activation();
            if (s.Kind == "dense")
            {
                int units = (int)s.Argument!.Value;
                CheckSize(layers.Count + 1, width, units, maxBatch);
                bool withActivation = i + 1 < specs.Count && specs[i + 1].Kind == LayerSpec.ActivationKind;
                layers.Add(new Dense(width, units, withActivation ? MakeActivation(specs[++i]) : new Linear(), maxBatch, team));
                width = units;
                continue;
            }
            CheckSize(layers.Count + 1, width, width, maxBatch);
            layers.Add(s.Kind switch
            {
                LayerSpec.ActivationKind => new ActivationLayer(width, MakeActivation(s), maxBatch),
                "dropout" => new Dropout(width, s.Argument!.Value, maxBatch),
                "alpha_dropout" => new AlphaDropout(width, s.Argument!.Value, maxBatch),
                "gaussian_noise" => new GaussianNoise(width, s.Argument!.Value, maxBatch),
                "batch_norm" => new BatchNorm(width, s.Option("momentum"), s.Option("epsilon"), maxBatch),
                "layer_norm" => new LayerNorm(width, s.Option("epsilon"), maxBatch),
                _ => throw new ConfigException($"Unknown layer '{s.Kind}'."),
            });
        }
        CheckSize(layers.Count + 1, width, outputs, maxBatch);
        layers.Add(new Dense(width, outputs, new Linear(), maxBatch, team));
        _layers = layers.ToArray();
        Parameters = _layers.SelectMany(l => l.Parameters).ToArray();
        MaxBatch = maxBatch;
        Inputs = inputs;
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

    /// <summary>The hidden layers' spec (the output layer follows it).</summary>
    public ModelSpec Spec { get; }
    public IReadOnlyList<Layer> Layers => _layers;

    /// <summary>The dense layers in order, the output layer last.</summary>
    public IReadOnlyList<Dense> DenseLayers => _layers.OfType<Dense>().ToList();

    public IReadOnlyList<Parameter> Parameters { get; }
    public int MaxBatch { get; }
    public int Inputs { get; }
    public int Outputs => _layers[^1].Outputs;

    /// <summary>Weights from the initializer in layer order from one generator; biases zero; normalization γ 1, β 0.</summary>
    public void Initialize(Initializer init, Rng rng)
    {
        foreach (var layer in _layers) layer.Initialize(init, rng);
    }

    /// <summary>Logits (rows × Outputs) for a batch of rows × Inputs.</summary>
    public float[] Forward(float[] input, int rows, in LayerContext context)
    {
        float[] x = input;
        foreach (var layer in _layers) x = layer.Forward(x, rows, context);
        return x;
    }

    /// <summary>
    /// Back-propagates dL/dlogits of the last training forward pass, adding every parameter's gradient;
    /// <paramref name="fused"/> (the optimizer) may apply its update inside the pass (see <see cref="IFusedUpdate"/>).
    /// </summary>
    public void Backward(float[] logitGradient, int rows, IFusedUpdate? fused = null)
    {
        float[] g = logitGradient;
        for (int i = _layers.Length - 1; i >= 0; i--)
            g = _layers[i].Backward(g, rows, needInputGradient: i > 0, fused)!;
    }
}
