namespace ActRun.Core.Activations;

/// <summary>relu: max(x, 0). Derivative: 1 if x > 0, else 0 (0 at the kink, as PyTorch and Keras).</summary>
public sealed class Relu : Activation
{
    public override ActivationSpec Spec { get; } = new("relu");
    public override float Value(float x) => x > 0 ? x : 0f;
    public override float Derivative(float x, float y) => x > 0 ? 1f : 0f;
}
