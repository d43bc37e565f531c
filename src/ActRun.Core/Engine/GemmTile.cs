using System.Runtime.CompilerServices;

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
    public static void Run<TS, TV>(int rows, float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, int k, bool load, float* bias)
        where TS : ISimd<TV> where TV : unmanaged
    {
        switch (rows)
        {
            case 8: Tile<TS, TV, R8>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 7: Tile<TS, TV, R7>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 6: Tile<TS, TV, R6>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 5: Tile<TS, TV, R5>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 4: Tile<TS, TV, R4>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 3: Tile<TS, TV, R3>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            case 2: Tile<TS, TV, R2>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
            default: Tile<TS, TV, R1>(a, rs, cs, b, ldb, c, ldc, k, load, bias); break;
        }
    }

    /// <summary>
    /// C[R × 2W] at <paramref name="c"/> (row stride <paramref name="ldc"/>) (+)= A·B over <paramref name="k"/>, where
    /// A's element (i, p) is at a[i·rs + p·cs] and B's row p is 2W contiguous floats at b + p·ldb.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile<TS, TV, TR>(float* a, nint rs, nint cs, float* b, nint ldb, float* c, nint ldc, int k, bool load, float* bias)
        where TS : ISimd<TV> where TV : unmanaged where TR : IRowCount
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
