using System.Runtime.CompilerServices;

namespace ActRun.Core.Activations.Simd;

/// <summary>
/// Runs an <see cref="IActivationOp"/> over a block: the widest accelerated vectors first, then narrower
/// ones on what is left, then the scalar form on the last few elements.
/// </summary>
public static class ElementwiseKernels
{
    /// <summary>
    /// The widest vector the kernels use, in bits: 512, 256, 128, or 0 for the scalar form alone. Every width
    /// gives the same bits (FloatMath), so this only lets tests run each path on one machine; the default uses
    /// whatever the hardware accelerates.
    /// </summary>
    internal static int WidestVectorBits { get; set; } = 512;

    /// <summary>a = f(z).</summary>
    public static void Forward<TOp>(in TOp op, ReadOnlySpan<float> z, Span<float> a) where TOp : struct, IActivationOp
    {
        if (a.Length < z.Length) throw new ArgumentException("The output is shorter than the input.", nameof(a));
        int i = ForwardBlocks<TOp, FloatVector512>(op, z, a, 0);
        i = ForwardBlocks<TOp, FloatVector256>(op, z, a, i);
        i = ForwardBlocks<TOp, FloatVector128>(op, z, a, i);
        for (; i < z.Length; i++) a[i] = op.Value(z[i]);
    }

    /// <summary>dz = da ⊙ f'(z), given a = f(z).</summary>
    public static void Backward<TOp>(in TOp op, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz)
        where TOp : struct, IActivationOp
    {
        if (a.Length < z.Length || da.Length < z.Length || dz.Length < z.Length)
            throw new ArgumentException("The blocks z, a, da and dz must have the same length.");
        int i = BackwardBlocks<TOp, FloatVector512>(op, z, a, da, dz, 0);
        i = BackwardBlocks<TOp, FloatVector256>(op, z, a, da, dz, i);
        i = BackwardBlocks<TOp, FloatVector128>(op, z, a, da, dz, i);
        for (; i < z.Length; i++) dz[i] = da[i] * op.Derivative(z[i], a[i]);
    }

    // Not inlined into the caller: each width's loop keeps its own inlining budget for the op's formula. Fully
    // optimized from the first call: ReadyToRun cannot hold these (generic over the op, and Vector512), and unoptimized
    // code, every vector operation a call, ran for the first ~100 ms of a run, which is most of a short one.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int ForwardBlocks<TOp, TVector>(in TOp op, ReadOnlySpan<float> z, Span<float> a, int i)
        where TOp : struct, IActivationOp
        where TVector : struct, IFloatVector<TVector>
    {
        if (!TVector.IsHardwareAccelerated || TVector.Count * 32 > WidestVectorBits) return i;
        for (; i <= z.Length - TVector.Count; i += TVector.Count)
            op.Value(TVector.Load(z, i)).Store(a, i);
        return i;
    }

    // As ForwardBlocks.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int BackwardBlocks<TOp, TVector>(in TOp op, ReadOnlySpan<float> z, ReadOnlySpan<float> a, ReadOnlySpan<float> da, Span<float> dz, int i)
        where TOp : struct, IActivationOp
        where TVector : struct, IFloatVector<TVector>
    {
        if (!TVector.IsHardwareAccelerated || TVector.Count * 32 > WidestVectorBits) return i;
        for (; i <= z.Length - TVector.Count; i += TVector.Count)
            (TVector.Load(da, i) * op.Derivative(TVector.Load(z, i), TVector.Load(a, i))).Store(dz, i);
        return i;
    }
}
