using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;

namespace ActRun.Core.Layers;

/// <summary>
/// A fully connected layer: z = x·W + b, a = f(z), with W stored [inputs × outputs] as in Keras.
/// The activation is part of the layer (Keras's <c>Dense(units, activation=...)</c>): a spec's <c>dense(64), act</c>
/// builds one Dense, so the product and the activation share their buffers; <c>linear</c> keeps z as the output.
/// </summary>
public sealed class Dense : Layer
{
    private readonly float[] _z;
    private readonly float[] _a;
    private readonly float[] _dz;
    private readonly float[] _dx;
    private readonly KernelTeam? _team;
    private float[] _input = [];

    /// <summary>
    /// Smaller batches keep the separate step: with a sum over so few rows, the weights a tile steps do not arrive
    /// from memory before it ends (measured 10% slower at batch 16 × hidden 1024; 13% faster at 256 × 1024).
    /// </summary>
    private const int FusedStepMinRows = 64;

    /// <param name="team">Threads that share this layer's products (null: the calling thread alone); results do not depend on it.</param>
    public Dense(int inputs, int outputs, Activation activation, int maxBatch, KernelTeam? team = null) : base(inputs, outputs)
    {
        _team = team;
        Activation = activation;
        Weights = new Parameter("kernel", inputs * outputs);
        Bias = new Parameter("bias", outputs);
        int activationParameters = activation.ParameterCount(outputs);
        ActivationParameters = activationParameters > 0 ? new Parameter("activation", activationParameters) : null;
        _z = new float[maxBatch * outputs];
        _a = activation.IsIdentity ? _z : new float[maxBatch * outputs];
        _dz = new float[maxBatch * outputs];
        _dx = new float[maxBatch * inputs];
    }

    public override Activation Activation { get; }
    public override string Kind => "dense";
    public override string Label => Activation.IsIdentity ? $"dense({Outputs})" : $"dense({Outputs}), act({Activation.Spec})";
    public Parameter Weights { get; }
    public Parameter Bias { get; }

    /// <summary>The activation's learned parameters (prelu's slopes), or null for a fixed activation.</summary>
    public override Parameter? ActivationParameters { get; }

    /// <summary>Everything the optimizer updates: kernel, bias, and the activation's parameters if any.</summary>
    public override IReadOnlyList<Parameter> Parameters =>
        ActivationParameters is null ? [Weights, Bias] : [Weights, Bias, ActivationParameters];

    /// <summary>Pre-activations of the last forward pass (rows × outputs).</summary>
    public ReadOnlySpan<float> PreActivations(int rows) => _z.AsSpan(0, rows * Outputs);

    /// <summary>Activations of the last forward pass (rows × outputs).</summary>
    public ReadOnlySpan<float> Activations(int rows) => _a.AsSpan(0, rows * Outputs);

    public override ReadOnlySpan<float> Output(int rows) => Activations(rows);

    public override void Initialize(Initializer init, Rng rng)
    {
        init.Fill(Weights.Value, Inputs, Outputs, rng);
        Array.Clear(Bias.Value);
        if (ActivationParameters is { } p) Activation.InitializeParameters(p.Value, Outputs);
    }

    /// <summary>Forward over rows × Inputs; keeps a reference to the input for the backward pass.</summary>
    public override float[] Forward(float[] input, int rows, in LayerContext context)
    {
        _input = input;
        int n = Outputs;
        var z = _z.AsSpan(0, rows * n);
        // The bias is added in the product's epilogue, after each element's sum over k.
        Gemm.MultiplyNN(input.AsSpan(0, rows * Inputs), Weights.Value, z, rows, Inputs, n, accumulate: false, Bias.Value, _team, Gemm.Best);
        if (!Activation.IsIdentity)
            Activation.Forward(z, _a.AsSpan(0, rows * n), n, ActivationParameters is { } p ? p.Value : default, context.Activation);
        return _a;
    }

    /// <summary>
    /// Given dL/da (rows × Outputs), adds dL/dW and dL/db into the gradients and returns dL/dx
    /// (null when <paramref name="needInputGradient"/> is false: the first layer's is never used).
    /// When <paramref name="fused"/> offers a plain step for the kernel, the step w −= rate·dL/dw is applied in the
    /// epilogue of the weight-gradient product, if the kernel's gradient is zeroed (one backward pass per step, as in
    /// training) and the batch is large enough; the optimizer then leaves the kernel, and its gradient reads as zeros.
    /// The weights get the same bits as with the gradient stored and stepped by the optimizer.
    /// </summary>
    public override float[]? Backward(float[] outputGradient, int rows, bool needInputGradient, IFusedUpdate? fused)
    {
        int n = Outputs;
        var dz = _dz.AsSpan(0, rows * n);
        if (Activation.IsIdentity)
            outputGradient.AsSpan(0, rows * n).CopyTo(dz);
        else
            Activation.Backward(_z.AsSpan(0, rows * n), _a.AsSpan(0, rows * n), outputGradient.AsSpan(0, rows * n), dz, n,
                ActivationParameters is { } p ? p.Value : default, ActivationParameters is { } g ? g.Gradient : default);

        if (rows >= FusedStepMinRows && fused?.FusedStepRate(Weights) is float rate && Weights.TryBeginFusedStep())
        {
            // dL/dx first: it needs the weights before the step.
            float[]? dx = needInputGradient ? InputGradient(dz, rows) : null;
            Gemm.MultiplyTNStep(_input.AsSpan(0, rows * Inputs), dz, Weights.Value, Inputs, rows, n, rate, _team, Gemm.Best);
            AddBiasGradient(dz, rows);
            return dx;
        }
        // A zeroed gradient is written, not added to: the same bits, without reading it first.
        var dw = Weights.GradientForWrite(out bool overwrite);
        Gemm.MultiplyTN(_input.AsSpan(0, rows * Inputs), dz, dw, Inputs, rows, n, accumulate: !overwrite, _team, Gemm.Best);
        AddBiasGradient(dz, rows);
        return needInputGradient ? InputGradient(dz, rows) : null;
    }

    private void AddBiasGradient(ReadOnlySpan<float> dz, int rows)
    {
        int n = Outputs;
        var db = Bias.Gradient.AsSpan();
        for (int r = 0; r < rows; r++) VectorOps.AddInPlace(db, dz.Slice(r * n, n));
    }

    private float[] InputGradient(ReadOnlySpan<float> dz, int rows)
    {
        Gemm.MultiplyNT(dz, Weights.Value, _dx.AsSpan(0, rows * Inputs), rows, Outputs, Inputs, accumulate: false, _team, Gemm.Best);
        return _dx;
    }
}
