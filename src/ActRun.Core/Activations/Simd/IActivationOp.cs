namespace ActRun.Core.Activations.Simd;

/// <summary>
/// An activation's formulas, written twice: a plain scalar form (the reference) and a vector form,
/// generic over the SIMD width. <see cref="ElementwiseKernels"/> runs the vector form over a block and
/// the scalar form on the tail; the contract test checks the two agree.
/// </summary>
public interface IActivationOp
{
    float Value(float x);

    /// <summary>f'(x) given y = f(x).</summary>
    float Derivative(float x, float y);

    TVector Value<TVector>(TVector x) where TVector : struct, IFloatVector<TVector>;

    TVector Derivative<TVector>(TVector x, TVector y) where TVector : struct, IFloatVector<TVector>;
}
