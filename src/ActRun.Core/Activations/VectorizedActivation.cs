using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Activations;

/// <summary>
/// An activation whose formulas live in an <see cref="IActivationOp"/>: the scalar members call the op's
/// scalar form, the block members run its vector form.
/// </summary>
public abstract class VectorizedActivation<TOp>(ActivationSpec spec, TOp op) : Activation where TOp : struct, IActivationOp
{
    private readonly TOp _op = op;

    public override ActivationSpec Spec { get; } = spec;

    public override float Value(float x) => _op.Value(x);

    public override float Derivative(float x, float y) => _op.Derivative(x, y);

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, in ActivationContext context) =>
        ElementwiseKernels.Forward(_op, z, a);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns) =>
        ElementwiseKernels.Backward(_op, z, a, da, dz);
}
