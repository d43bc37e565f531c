using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ActRun.Core.Engine;

/// <summary>
/// The matrix products of the engine, row-major float32: the only place layers multiply matrices, so the
/// kernels can be replaced without touching them. Every output element sums over k in increasing order,
/// whatever the blocking, so results never depend on how work is split.
/// </summary>
public static class Gemm
{
    private const int RowBlock = 4;

    /// <summary>C[m×n] (+)= A[m×k] · B[k×n] (the forward product X·W).</summary>
    public static void MultiplyNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        Kernel(a, rowStride: k, colStride: 1, b, c, m, k, n, accumulate);
    }

    /// <summary>C[m×n] (+)= Aᵀ · B with A stored [k×m] (the weight gradient Xᵀ·dZ).</summary>
    public static void MultiplyTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length >= m * k && b.Length >= k * n && c.Length >= m * n);
        Kernel(a, rowStride: 1, colStride: m, b, c, m, k, n, accumulate);
    }

    /// <summary>C[m×n] (+)= A · Bᵀ with B stored [n×k] (the input gradient dZ·Wᵀ). Bᵀ is formed once in a pooled buffer.</summary>
    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        Check(a.Length >= m * k && b.Length >= n * k && c.Length >= m * n);
        float[] bt = ArrayPool<float>.Shared.Rent(k * n);
        try
        {
            Transpose(b, bt, rows: n, cols: k);
            Kernel(a, rowStride: k, colStride: 1, bt, c, m, k, n, accumulate);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(bt);
        }
    }

    /// <summary>dst[cols×rows] = src[rows×cols]ᵀ.</summary>
    public static void Transpose(ReadOnlySpan<float> src, Span<float> dst, int rows, int cols)
    {
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++)
                dst[j * rows + i] = src[i * cols + j];
    }

    private static void Check(bool ok)
    {
        if (!ok) throw new ArgumentException("matrix buffer smaller than its shape");
    }

    /// <summary>
    /// C (+)= A·B where A's element (i, p) is at a[i·rowStride + p·colStride]. Register-blocked: 4 rows of C by
    /// two vectors of columns stay in registers while p runs over k.
    /// </summary>
    private static void Kernel(ReadOnlySpan<float> a, int rowStride, int colStride, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        if (Vector512.IsHardwareAccelerated)
            Kernel512(a, rowStride, colStride, b, c, m, k, n, accumulate);
        else
            KernelScalar(a, rowStride, colStride, b, c, 0, m, 0, n, k, n, accumulate);
    }

    private static void Kernel512(ReadOnlySpan<float> a, int rs, int cs, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        const int W = 16;
        ref float ra = ref MemoryMarshal.GetReference(a);
        ref float rb = ref MemoryMarshal.GetReference(b);
        ref float rc = ref MemoryMarshal.GetReference(c);
        int mBlocked = m - m % RowBlock;
        int nWide = n - n % (2 * W);
        int nVec = n - n % W;

        for (int i = 0; i < mBlocked; i += RowBlock)
        {
            int j = 0;
            for (; j < nWide; j += 2 * W)
            {
                Vector512<float> c00, c01, c10, c11, c20, c21, c30, c31;
                if (accumulate)
                {
                    c00 = Load(ref rc, i * n + j); c01 = Load(ref rc, i * n + j + W);
                    c10 = Load(ref rc, (i + 1) * n + j); c11 = Load(ref rc, (i + 1) * n + j + W);
                    c20 = Load(ref rc, (i + 2) * n + j); c21 = Load(ref rc, (i + 2) * n + j + W);
                    c30 = Load(ref rc, (i + 3) * n + j); c31 = Load(ref rc, (i + 3) * n + j + W);
                }
                else
                {
                    c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<float>.Zero;
                }
                for (int p = 0; p < k; p++)
                {
                    var b0 = Load(ref rb, p * n + j);
                    var b1 = Load(ref rb, p * n + j + W);
                    int ai = i * rs + p * cs;
                    var a0 = Vector512.Create(Unsafe.Add(ref ra, ai));
                    var a1 = Vector512.Create(Unsafe.Add(ref ra, ai + rs));
                    var a2 = Vector512.Create(Unsafe.Add(ref ra, ai + 2 * rs));
                    var a3 = Vector512.Create(Unsafe.Add(ref ra, ai + 3 * rs));
                    c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01);
                    c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11);
                    c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21);
                    c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31);
                }
                Store(c00, ref rc, i * n + j); Store(c01, ref rc, i * n + j + W);
                Store(c10, ref rc, (i + 1) * n + j); Store(c11, ref rc, (i + 1) * n + j + W);
                Store(c20, ref rc, (i + 2) * n + j); Store(c21, ref rc, (i + 2) * n + j + W);
                Store(c30, ref rc, (i + 3) * n + j); Store(c31, ref rc, (i + 3) * n + j + W);
            }
            for (; j < nVec; j += W)
            {
                Vector512<float> c0, c1, c2, c3;
                if (accumulate)
                {
                    c0 = Load(ref rc, i * n + j); c1 = Load(ref rc, (i + 1) * n + j);
                    c2 = Load(ref rc, (i + 2) * n + j); c3 = Load(ref rc, (i + 3) * n + j);
                }
                else
                {
                    c0 = c1 = c2 = c3 = Vector512<float>.Zero;
                }
                for (int p = 0; p < k; p++)
                {
                    var b0 = Load(ref rb, p * n + j);
                    int ai = i * rs + p * cs;
                    c0 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, ai)), b0, c0);
                    c1 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, ai + rs)), b0, c1);
                    c2 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, ai + 2 * rs)), b0, c2);
                    c3 = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, ai + 3 * rs)), b0, c3);
                }
                Store(c0, ref rc, i * n + j); Store(c1, ref rc, (i + 1) * n + j);
                Store(c2, ref rc, (i + 2) * n + j); Store(c3, ref rc, (i + 3) * n + j);
            }
        }
        // Remaining rows (m % 4) one vector at a time, then the column tail with the scalar loop.
        for (int i = mBlocked; i < m; i++)
            for (int j = 0; j < nVec; j += W)
            {
                var acc = accumulate ? Load(ref rc, i * n + j) : Vector512<float>.Zero;
                for (int p = 0; p < k; p++)
                    acc = Vector512.FusedMultiplyAdd(Vector512.Create(Unsafe.Add(ref ra, i * rs + p * cs)), Load(ref rb, p * n + j), acc);
                Store(acc, ref rc, i * n + j);
            }
        if (nVec < n) KernelScalar(a, rs, cs, b, c, 0, m, nVec, n, k, n, accumulate);
    }

    private static void KernelScalar(ReadOnlySpan<float> a, int rs, int cs, ReadOnlySpan<float> b, Span<float> c,
        int i0, int i1, int j0, int j1, int k, int n, bool accumulate)
    {
        for (int i = i0; i < i1; i++)
            for (int j = j0; j < j1; j++)
            {
                float sum = accumulate ? c[i * n + j] : 0f;
                for (int p = 0; p < k; p++) sum = MathF.FusedMultiplyAdd(a[i * rs + p * cs], b[p * n + j], sum);
                c[i * n + j] = sum;
            }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> Load(ref float r, int offset) => Vector512.LoadUnsafe(ref r, (nuint)offset);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<float> v, ref float r, int offset) => v.StoreUnsafe(ref r, (nuint)offset);
}
