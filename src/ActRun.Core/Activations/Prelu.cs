namespace ActRun.Core.Activations;

/// <summary>
/// prelu: x if x &gt; 0, else w_c · x, with one learned slope w_c per unit (column), initialised to init.
/// Derivative: 1, else w_c; ∂f/∂w_c = x for x ≤ 0, else 0.
/// The parameterless block methods and <see cref="Value"/> use the initial slope; a layer that owns the slopes
/// calls the overloads that take them (parameters = the slopes, one per column; scalar loops, since the slope
/// changes along a row).
/// </summary>
public sealed class Prelu : VectorizedActivation<LeakyRelu.Op>
{
    private readonly float _init;

    internal Prelu(ActivationSpec spec, float init) : base(spec, new LeakyRelu.Op(init)) => _init = init;

    public override int ParameterCount(int columns) => columns;

    public override void InitializeParameters(Span<float> parameters, int columns) => parameters[..columns].Fill(_init);

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, ReadOnlySpan<float> parameters, in ActivationContext context)
    {
        for (int i = 0; i < z.Length; i++)
            a[i] = z[i] > 0 ? z[i] : parameters[i % columns] * z[i];
    }

    public override void Backward(
        ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns,
        ReadOnlySpan<float> parameters, Span<float> parameterGradients)
    {
        for (int i = 0; i < z.Length; i++)
        {
            bool positive = z[i] > 0;
            dz[i] = positive ? da[i] : da[i] * parameters[i % columns];
            if (!positive) parameterGradients[i % columns] += da[i] * z[i];
        }
    }
}
