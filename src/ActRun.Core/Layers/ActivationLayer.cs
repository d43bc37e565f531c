using ActRun.Core.Activations;

namespace ActRun.Core.Layers;

/// <summary>
/// An activation on its own (<c>act</c> in a model spec), for an activation that does not follow a dense layer
/// directly: <c>dense(64), batch_norm, act</c>. a = f(z); backward dz = da ⊙ f'(z), and a learned activation's
/// parameters (prelu's slopes) are its parameters.
/// </summary>
public sealed class ActivationLayer : Layer
{
    private readonly float[] _a;
    private readonly float[] _dz;
    private float[] _z = [];

    public ActivationLayer(int units, Activation activation, int maxBatch) : base(units, units)
    {
        Activation = activation;
        int count = activation.ParameterCount(units);
        ActivationParameters = count > 0 ? new Parameter("activation", count) : null;
        _a = new float[maxBatch * units];
        _dz = new float[maxBatch * units];
    }

    public override Activation Activation { get; }
    public override Parameter? ActivationParameters { get; }
    public override string Kind => "act";
    public override string Label => $"act({Activation.Spec})";
    public override IReadOnlyList<Parameter> Parameters => ActivationParameters is null ? [] : [ActivationParameters];

    /// <summary>The input of the last forward pass (the pre-activations).</summary>
    public ReadOnlySpan<float> PreActivations(int rows) => _z.AsSpan(0, rows * Outputs);

    public override ReadOnlySpan<float> Output(int rows) => _a.AsSpan(0, rows * Outputs);

    public override void Initialize(Initializers.Initializer init, Engine.Rng rng)
    {
        if (ActivationParameters is { } p) Activation.InitializeParameters(p.Value, Outputs);
    }

    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        _z = input;
        int n = rows * Outputs;
        Activation.Forward(input.AsSpan(0, n), _a.AsSpan(0, n), Outputs, ActivationParameters is { } p ? p.Value : default, context.Activation);
        return _a;
    }

    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        int n = rows * Outputs;
        Activation.Backward(_z.AsSpan(0, n), _a.AsSpan(0, n), outputGradient.AsSpan(0, n), _dz.AsSpan(0, n), Outputs,
            ActivationParameters is { } p ? p.Value : default, ActivationParameters is { } g ? g.Gradient : default);
        return _dz;
    }
}
