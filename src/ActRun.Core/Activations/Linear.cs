namespace ActRun.Core.Activations;

/// <summary>linear (identity): x. Derivative: 1.</summary>
public sealed class Linear : Activation
{
    public override ActivationSpec Spec { get; } = new("linear");
    public override bool IsIdentity => true;
    public override float Value(float x) => x;
    public override float Derivative(float x, float y) => 1f;

    public override void Forward(ReadOnlySpan<float> z, Span<float> a, int columns, in ActivationContext context) => z.CopyTo(a);

    public override void Backward(ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int columns) => da.CopyTo(dz);
}
