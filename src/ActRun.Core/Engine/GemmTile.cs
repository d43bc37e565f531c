using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace ActRun.Core.Engine;

/// <summary>
/// The micro-kernel: a tile of up to 8 rows × two vectors of C held in registers while p runs over k.
/// Each element is c = fma(a[i,p], b[p,j], c) for p in increasing order, starting from C (load) or zero, then
/// + bias: exactly the scalar path's arithmetic, so every width gives the scalar path's bits.
/// </summary>
internal static unsafe class GemmTile
{
    /// <summary>Runs the <paramref name="rows"/>-row instance (1 ≤ rows ≤ TS.Rows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Run<TS, TV>(int rows, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, int k, bool load, float* bias,
        float rate = 0, bool update = false)
        where TS : ISimd<TV> where TV : unmanaged
    {
        if (update) Rows<TS, TV, StepOn>(rows, a, rs, cs, b, ldb, c, ldc, k, load, bias, rate);
        else Rows<TS, TV, StepOff>(rows, a, rs, cs, b, ldb, c, ldc, k, load, bias, rate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Rows<TS, TV, TE>(int rows, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, int k, bool load, float* bias, float rate)
        where TS : ISimd<TV> where TV : unmanaged where TE : IStep
    {
        switch (rows)
        {
            case 8: Tile<TS, TV, R8, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 7: Tile<TS, TV, R7, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 6: Tile<TS, TV, R6, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 5: Tile<TS, TV, R5, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 4: Tile<TS, TV, R4, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 3: Tile<TS, TV, R3, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            case 2: Tile<TS, TV, R2, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
            default: Tile<TS, TV, R1, TE>(a, rs, cs, b, ldb, c, ldc, k, load, bias, rate); break;
        }
    }

    /// <summary>Whether a tile stores its sum (off) or steps C by it (on), known when the kernel is compiled.</summary>
    private interface IStep
    {
        static abstract bool On { get; }
    }

    private struct StepOn : IStep { public static bool On => true; }
    private struct StepOff : IStep { public static bool On => false; }

    /// <summary>
    /// C[R × 2W] at <paramref name="c"/> (row stride <paramref name="ldc"/>) (+)= A·B over <paramref name="k"/>, where
    /// A's element (i, p) is at a[i·rs + p·cs] and B's row p is 2W contiguous floats at b + p·ldb. With
    /// <typeparamref name="TE"/> on, the sum s is not stored but applied: C = C − rate·s (the product rounded first),
    /// the SGD step of <see cref="VectorOps.Step"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TS, TV, TR, TE>(float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, int k, bool load, float* bias,
        float rate)
        where TS : ISimd<TV> where TV : unmanaged where TR : IRowCount where TE : IStep
    {
        int w = TS.Width;
        TV c00 = TS.Zero, c01 = TS.Zero, c10 = TS.Zero, c11 = TS.Zero, c20 = TS.Zero, c21 = TS.Zero, c30 = TS.Zero, c31 = TS.Zero;
        TV c40 = TS.Zero, c41 = TS.Zero, c50 = TS.Zero, c51 = TS.Zero, c60 = TS.Zero, c61 = TS.Zero, c70 = TS.Zero, c71 = TS.Zero;
        if (load)
        {
            c00 = TS.Load(c); c01 = TS.Load(c + w);
            if (TR.Count > 1) { c10 = TS.Load(c + ldc); c11 = TS.Load(c + ldc + w); }
            if (TR.Count > 2) { c20 = TS.Load(c + 2 * ldc); c21 = TS.Load(c + 2 * ldc + w); }
            if (TR.Count > 3) { c30 = TS.Load(c + 3 * ldc); c31 = TS.Load(c + 3 * ldc + w); }
            if (TR.Count > 4) { c40 = TS.Load(c + 4 * ldc); c41 = TS.Load(c + 4 * ldc + w); }
            if (TR.Count > 5) { c50 = TS.Load(c + 5 * ldc); c51 = TS.Load(c + 5 * ldc + w); }
            if (TR.Count > 6) { c60 = TS.Load(c + 6 * ldc); c61 = TS.Load(c + 6 * ldc + w); }
            if (TR.Count > 7) { c70 = TS.Load(c + 7 * ldc); c71 = TS.Load(c + 7 * ldc + w); }
        }
        if (TE.On && Sse.IsSupported)
        {
            // The weights this tile will step: requested now, so they arrive while the sum is computed.
            for (int r = 0; r < TR.Count; r++)
            {
                Sse.Prefetch0(c + r * ldc);
                Sse.Prefetch0(c + r * ldc + 2 * w - 1);
            }
        }
        // Three row pointers (rows 0–2, 3–5, 6–7) and two row offsets instead of a pointer per row: fewer
        // instructions per step of p, and the same loads.
        float* a0 = a, a3 = a + 3 * rs, a6 = a + 6 * rs;
        nint r1 = rs, r2 = 2 * rs;
        for (int p = 0; p < k; p++)
        {
            TV b0 = TS.Load(b), b1 = TS.Load(b + w);
            TV x = TS.Broadcast(*a0); c00 = TS.Fma(x, b0, c00); c01 = TS.Fma(x, b1, c01);
            if (TR.Count > 1) { x = TS.Broadcast(a0[r1]); c10 = TS.Fma(x, b0, c10); c11 = TS.Fma(x, b1, c11); }
            if (TR.Count > 2) { x = TS.Broadcast(a0[r2]); c20 = TS.Fma(x, b0, c20); c21 = TS.Fma(x, b1, c21); }
            if (TR.Count > 3) { x = TS.Broadcast(*a3); c30 = TS.Fma(x, b0, c30); c31 = TS.Fma(x, b1, c31); }
            if (TR.Count > 4) { x = TS.Broadcast(a3[r1]); c40 = TS.Fma(x, b0, c40); c41 = TS.Fma(x, b1, c41); }
            if (TR.Count > 5) { x = TS.Broadcast(a3[r2]); c50 = TS.Fma(x, b0, c50); c51 = TS.Fma(x, b1, c51); }
            if (TR.Count > 6) { x = TS.Broadcast(*a6); c60 = TS.Fma(x, b0, c60); c61 = TS.Fma(x, b1, c61); }
            if (TR.Count > 7) { x = TS.Broadcast(a6[r1]); c70 = TS.Fma(x, b0, c70); c71 = TS.Fma(x, b1, c71); }
            a0 += cs;
            if (TR.Count > 3) a3 += cs;
            if (TR.Count > 6) a6 += cs;
            b += ldb;
        }
        if (bias != null)
        {
            TV d0 = TS.Load(bias), d1 = TS.Load(bias + w);
            c00 = TS.Add(c00, d0); c01 = TS.Add(c01, d1);
            if (TR.Count > 1) { c10 = TS.Add(c10, d0); c11 = TS.Add(c11, d1); }
            if (TR.Count > 2) { c20 = TS.Add(c20, d0); c21 = TS.Add(c21, d1); }
            if (TR.Count > 3) { c30 = TS.Add(c30, d0); c31 = TS.Add(c31, d1); }
            if (TR.Count > 4) { c40 = TS.Add(c40, d0); c41 = TS.Add(c41, d1); }
            if (TR.Count > 5) { c50 = TS.Add(c50, d0); c51 = TS.Add(c51, d1); }
            if (TR.Count > 6) { c60 = TS.Add(c60, d0); c61 = TS.Add(c61, d1); }
            if (TR.Count > 7) { c70 = TS.Add(c70, d0); c71 = TS.Add(c71, d1); }
        }
        if (TE.On)
        {
            TV r = TS.Broadcast(rate);
            c00 = TS.Subtract(TS.Load(c), TS.Multiply(r, c00)); c01 = TS.Subtract(TS.Load(c + w), TS.Multiply(r, c01));
            if (TR.Count > 1) { c10 = TS.Subtract(TS.Load(c + ldc), TS.Multiply(r, c10)); c11 = TS.Subtract(TS.Load(c + ldc + w), TS.Multiply(r, c11)); }
            if (TR.Count > 2) { c20 = TS.Subtract(TS.Load(c + 2 * ldc), TS.Multiply(r, c20)); c21 = TS.Subtract(TS.Load(c + 2 * ldc + w), TS.Multiply(r, c21)); }
            if (TR.Count > 3) { c30 = TS.Subtract(TS.Load(c + 3 * ldc), TS.Multiply(r, c30)); c31 = TS.Subtract(TS.Load(c + 3 * ldc + w), TS.Multiply(r, c31)); }
            if (TR.Count > 4) { c40 = TS.Subtract(TS.Load(c + 4 * ldc), TS.Multiply(r, c40)); c41 = TS.Subtract(TS.Load(c + 4 * ldc + w), TS.Multiply(r, c41)); }
            if (TR.Count > 5) { c50 = TS.Subtract(TS.Load(c + 5 * ldc), TS.Multiply(r, c50)); c51 = TS.Subtract(TS.Load(c + 5 * ldc + w), TS.Multiply(r, c51)); }
            if (TR.Count > 6) { c60 = TS.Subtract(TS.Load(c + 6 * ldc), TS.Multiply(r, c60)); c61 = TS.Subtract(TS.Load(c + 6 * ldc + w), TS.Multiply(r, c61)); }
            if (TR.Count > 7) { c70 = TS.Subtract(TS.Load(c + 7 * ldc), TS.Multiply(r, c70)); c71 = TS.Subtract(TS.Load(c + 7 * ldc + w), TS.Multiply(r, c71)); }
        }
        TS.Store(c, c00); TS.Store(c + w, c01);
        if (TR.Count > 1) { TS.Store(c + ldc, c10); TS.Store(c + ldc + w, c11); }
        if (TR.Count > 2) { TS.Store(c + 2 * ldc, c20); TS.Store(c + 2 * ldc + w, c21); }
        if (TR.Count > 3) { TS.Store(c + 3 * ldc, c30); TS.Store(c + 3 * ldc + w, c31); }
        if (TR.Count > 4) { TS.Store(c + 4 * ldc, c40); TS.Store(c + 4 * ldc + w, c41); }
        if (TR.Count > 5) { TS.Store(c + 5 * ldc, c50); TS.Store(c + 5 * ldc + w, c51); }
        if (TR.Count > 6) { TS.Store(c + 6 * ldc, c60); TS.Store(c + 6 * ldc + w, c61); }
        if (TR.Count > 7) { TS.Store(c + 7 * ldc, c70); TS.Store(c + 7 * ldc + w, c71); }
    }
}
