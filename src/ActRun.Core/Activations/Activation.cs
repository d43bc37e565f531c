using ActRun.Core.Engine;

namespace ActRun.Core.Activations;

/// <summary>What an activation may need besides its input: training vs evaluation (rrelu), a generator.</summary>
public readonly record struct ActivationContext(bool Training, Rng? Rng)
{
    public static ActivationContext Evaluation => new(false, null);
}

/// <summary>
/// An element-wise activation: its value and its exact derivative, side by side.
/// Layers call the block methods (<see cref="Forward"/>, <see cref="Backward"/>) on a batch laid out
/// row-major as rows × <c>columns</c>; the defaults run the scalar definitions, and an activation
/// overrides them with a vectorized path that the contract test checks against the scalar one.
/// </summary>
public abstract class Activation
{
    /// <summary>Name and non-default parameters; its text is the canonical label used in every CSV file.</summary>
    public abstract ActivationSpec Spec { get; }

    /// <summary>True when f(x) = x: the network is then an affine map.</summary>
    public virtual bool IsIdentity => false;

    /// <summary>f(x).</summary>
    public abstract float Value(float x);

    /// <summary>f'(x), given x and y = f(x) (many derivatives are cheapest from y: sigmoid, tanh, elu).</summary>
    public abstract float Derivative(float x, float y);

    /// <summary>a = f(z) over a block of rows × <paramref name="columns"/>.</summary>
    public virtual void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, in ActivationContext context)
    {
        for (int i = 0; i < z.Length; i++) a[i] = Value(z[i]);
    }

    /// <summary>dz = da ⊙ f'(z) over a block (assigned, not accumulated: dz is a fresh buffer each step).</summary>
    public virtual void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns)
    {
        for (int i = 0; i < z.Length; i++) dz[i] = da[i] * Derivative(z[i], a[i]);
    }

    /// <summary>
    /// Learnable parameters (PReLU's slopes), owned and updated by the layer like its weights: how many there
    /// are for a layer of <paramref name="columns"/> units. Zero for almost every activation.
    /// </summary>
    public virtual int ParameterCount(int columns) => 0;

    /// <summary>Writes the initial values of the learnable parameters (length <see cref="ParameterCount"/>).</summary>
    public virtual void InitializeParameters(Span<float> parameters, int columns)
    {
    }

    /// <summary>a = f(z; parameters). Without learnable parameters it is <see cref="Forward(ReadOnlySpan{float}, Span{float}, int, in ActivationContext)"/>.</summary>
    public virtual void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, ReadOnlySpan<float> parameters, in ActivationContext context) =>
        Forward(z, a, columns, context);

    /// <summary>
    /// dz = da ⊙ ∂f/∂z (assigned), and the parameter gradients Σ da ⊙ ∂f/∂θ are added into
    /// <paramref name="parameterGradients"/> (accumulated, like weight gradients).
    /// </summary>
    public virtual void Backward(
        ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients) =>
        Backward(z, a, da, dz, columns);

    public override string ToString() => Spec.ToString();
}
