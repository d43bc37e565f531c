namespace ActRun.Core.Layers;

/// <summary>
/// A trainable tensor and its gradient buffer (same length). Backward passes add into the gradient; the optimizer
/// zeroes it after each step.
/// </summary>
public sealed class Parameter(string name, int length)
{
    private readonly float[] _gradient = new float[length];
    private bool _gradientStale;

    public string Name { get; } = name;
    public float[] Value { get; } = new float[length];

    /// <summary>dL/dValue summed since the last <see cref="ZeroGradient"/>.</summary>
    public float[] Gradient
    {
        get
        {
            if (_gradientStale)
            {
                Array.Clear(_gradient);
                _gradientStale = false;
            }
            return _gradient;
        }
    }

    /// <summary>
    /// Zeroes the gradient without touching its memory yet: the next reader gets zeros (cleared then), and a
    /// backward pass that takes it with <see cref="GradientForWrite"/> writes its first contribution instead of
    /// adding it, so a training step never clears the weights' gradients and never reads them before writing.
    /// </summary>
    public void ZeroGradient() => _gradientStale = true;

    /// <summary>
    /// The gradient buffer for a pass that adds to it, or, when <paramref name="overwrite"/> is set, must write every
    /// element (the buffer then holds leftovers that count as zeros: add to them and the result is wrong).
    /// </summary>
    internal float[] GradientForWrite(out bool overwrite)
    {
        if (SteppedInBackward) throw new InvalidOperationException($"'{Name}' was already stepped by this step's backward pass (a fused step allows one backward pass per step).");
        overwrite = _gradientStale;
        _gradientStale = false;
        return _gradient;
    }

    /// <summary>The value was already updated by this step's backward pass (a fused SGD step); the optimizer leaves it once.</summary>
    internal bool SteppedInBackward { get; private set; }

    /// <summary>
    /// For a backward pass that would apply the SGD step itself instead of writing the gradient: allowed only when
    /// the gradient is zeroed (the pass's contribution would be all of it). The gradient stays zeroed.
    /// </summary>
    internal bool TryBeginFusedStep()
    {
        if (!_gradientStale || SteppedInBackward) return false;
        SteppedInBackward = true;
        return true;
    }

    /// <summary>The optimizer's step is over: the next backward pass starts a new one.</summary>
    internal void EndStep() => SteppedInBackward = false;
}
