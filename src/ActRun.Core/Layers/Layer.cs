using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;

namespace ActRun.Core.Layers;

/// <summary>
/// One step of a network: a forward pass (training or evaluation), a backward pass that adds its parameters'
/// gradients and returns dL/dinput, its trainable <see cref="Parameters"/> and its non-trainable
/// <see cref="State"/> (batch_norm's running statistics). Batches are rows × <see cref="Inputs"/>, row-major; buffers
/// are sized once for the largest batch, so a training step allocates nothing.
/// </summary>
public abstract class Layer(int inputs, int outputs)
{
    public int Inputs { get; } = inputs;
    public int Outputs { get; } = outputs;

    /// <summary>The layer's canonical text (<c>dense(64)</c>, <c>dropout(0.2)</c>, <c>batch_norm</c>); a dense layer with its activation prints both.</summary>
    public abstract string Label { get; }

    /// <summary>The kind's name as in the model spec (<c>dense</c>, <c>batch_norm</c>): model files name tensors <c>{kind}_{n}/…</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>Everything the optimizer updates.</summary>
    public virtual IReadOnlyList<Parameter> Parameters => [];

    /// <summary>Values that the layer keeps and a model file saves, but the optimizer does not touch.</summary>
    public virtual IReadOnlyList<StateTensor> State => [];

    /// <summary>The activation applied to this layer's output, when there is one (diagnostics count dead and saturated units of it).</summary>
    public virtual Activation? Activation => null;

    /// <summary>The learned parameters of <see cref="Activation"/> (prelu's slopes), or null.</summary>
    public virtual Parameter? ActivationParameters => null;

    /// <summary>The output of the last forward pass (rows × Outputs).</summary>
    public abstract ReadOnlySpan<float> Output(int rows);

    public virtual void Initialize(Initializer init, Rng rng)
    {
    }

    /// <summary>The output (rows × Outputs) of a batch; a layer may keep a reference to the input for its backward pass.</summary>
    public abstract float[] Forward(float[] input, int rows, in LayerContext context);

    /// <summary>
    /// Given dL/doutput (rows × Outputs) of the last training forward pass, adds the parameters' gradients and returns
    /// dL/dinput (null when <paramref name="needInputGradient"/> is false). <paramref name="fused"/>, when given, may
    /// apply its update to a parameter here instead of storing the gradient (see <see cref="IFusedUpdate"/>).
    /// </summary>
    public abstract float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused);

    public override string ToString() => Label;
}

/// <summary>A named tensor of non-trainable state (running mean, running variance).</summary>
public sealed record StateTensor(string Name, float[] Values);

/// <summary>
/// What a forward pass needs besides its input: training or evaluation, the activations' context (rrelu's draws) and
/// the generator of the noise layers (dropout masks, gaussian noise), from the run's seed.
/// </summary>
public readonly record struct LayerContext(bool Training, ActivationContext Activation, Rng? Noise)
{
    public static LayerContext Evaluation => new(false, ActivationContext.Evaluation, null);

    public static implicit operator LayerContext(ActivationContext activation) => new(activation.Training, activation, null);

    /// <summary>The noise generator of a training pass; a noise layer trained without one is a programming error.</summary>
    internal Rng NoiseRng => Noise ?? throw new InvalidOperationException("A training pass through a noise layer needs LayerContext.Noise.");
}

/// <summary>
/// An optimizer's offer to apply its update inside a layer's backward pass: asked once per parameter per backward pass,
/// it returns the rate of the plain step w ← w − rate·g when its update is that step now, else null. Fusing is the
/// optimizer's own decision; the layer decides only whether its product can take it (see <see cref="Dense"/>).
/// </summary>
public interface IFusedUpdate
{
    float? FusedStepRate(Parameter parameter);
}
