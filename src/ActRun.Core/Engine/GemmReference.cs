namespace ActRun.Core.Engine;

/// <summary>
/// The obviously-right matrix products that the fast kernels are tested against. Row-major throughout.
/// Each output element sums over k in increasing order, in double, so it is also the most exact.
/// </summary>
public static class GemmReference
{
    /// <summary>C[m×n] (+)= A[m×k] · B[k×n].</summary>
    public static void MultiplyNN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[p * n + j];
                c[i * n + j] = (float)sum;
            }
    }

    /// <summary>C[m×n] (+)= Aᵀ · B, with A stored as [k×m] (the weight gradient Xᵀ·dZ).</summary>
    public static void MultiplyTN(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) sum += (double)a[p * m + i] * b[p * n + j];
                c[i * n + j] = (float)sum;
            }
    }

    /// <summary>C[m×n] (+)= A · Bᵀ, with B stored as [n×k] (the input gradient dZ·Wᵀ).</summary>
    public static void MultiplyNT(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate)
    {
        for (int i = 0; i < m; i++)
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++) sum += (double)a[i * k + p] * b[j * k + p];
                c[i * n + j] = (float)sum;
            }
    }
}
