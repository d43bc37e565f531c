using ActRun.Core.Engine;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Engine;

public class GemmTests
{
    /// <summary>
    /// Odd shapes and shapes either side of the blocking edges: tiles of 6 and 8 rows, panels of 8, 16 and 32
    /// columns, k chunks of 256 (few row blocks) and of up to 1024 (many), and B panels copied per k chunk (enough
    /// row blocks, B wider than a panel), and Aᵀ packed by row blocks (C at least 512 wide, 8 row blocks or more).
    /// </summary>
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 7, 13, 5 }, { 65, 129, 17 }, { 1, 1000, 1 }, { 1, 1, 1000 }, { 1000, 1, 1 }, { 4, 32, 32 }, { 5, 3, 33 },
        { 6, 256, 16 }, { 7, 257, 17 }, { 8, 255, 31 }, { 9, 513, 32 }, { 13, 2, 65 }, { 12, 40, 64 }, { 17, 1, 47 }, { 3, 10, 130 },
        { 64, 784, 128 }, { 33, 128, 10 }, { 50, 10, 129 }, { 50, 600, 40 }, { 30, 1100, 40 }, { 50, 2049, 17 }, { 70, 37, 530 },
        // More rows than columns and C at least 512 wide: the threads split the rows, and each packs its own blocks of
        // Aᵀ (TN); NT's Bᵀ is packed by the team first. The last row block is partial on every width.
        { 601, 9, 520 },
    };

    private enum Kind { NN, NNBias, TN, NT }

    /// <summary>C = product of random A, B (and bias) over a random start; the start matters when accumulating.</summary>
    private static float[] Product(Kind kind, int m, int k, int n, bool accumulate, GemmPath path, KernelTeam? team)
    {
        var a = GradientCheck.RandomArray(m * k, 1);
        var b = GradientCheck.RandomArray(k * n, 2);
        var bias = GradientCheck.RandomArray(n, 4);
        var c = GradientCheck.RandomArray(m * n, 3);
        switch (kind)
        {
            case Kind.NN: Gemm.MultiplyNN(a, b, c, m, k, n, accumulate, default, team, path); break;
            case Kind.NNBias: Gemm.MultiplyNN(a, b, c, m, k, n, accumulate, bias, team, path); break;
            case Kind.TN: Gemm.MultiplyTN(a, b, c, m, k, n, accumulate, team, path); break;
            default: Gemm.MultiplyNT(a, b, c, m, k, n, accumulate, team, path); break;
        }
        return c;
    }

    private static void AssertBitIdentical(float[] expected, float[] actual, string what)
    {
        for (int i = 0; i < expected.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]),
                $"element {i}: {actual[i]:R} vs scalar {expected[i]:R} ({what})");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_simd_width_equals_the_scalar_path_bit_for_bit(int m, int k, int n)
    {
        // Vector paths the machine lacks run in software: slow but exact, so every width is checked everywhere.
        foreach (var kind in Enum.GetValues<Kind>())
            foreach (bool accumulate in new[] { false, true })
            {
                var expected = Product(kind, m, k, n, accumulate, GemmPath.Scalar, null);
                foreach (var path in new[] { GemmPath.Vector128, GemmPath.Vector256, GemmPath.Vector512 })
                    AssertBitIdentical(expected, Product(kind, m, k, n, accumulate, path, null), $"{kind} {path} {m}×{k}×{n} accumulate {accumulate}");
            }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Threaded_splits_equal_one_thread_bit_for_bit(int m, int k, int n)
    {
        // MinParallelWork 0: even a 1×1 product is split, so the uneven splits are exercised too.
        using var two = new KernelTeam(2) { MinParallelWork = 0 };
        using var three = new KernelTeam(3) { MinParallelWork = 0 };
        foreach (var kind in Enum.GetValues<Kind>())
            foreach (bool accumulate in new[] { false, true })
            {
                var expected = Product(kind, m, k, n, accumulate, GemmPath.Scalar, null);
                foreach (var team in new[] { two, three })
                    AssertBitIdentical(expected, Product(kind, m, k, n, accumulate, Gemm.Best, team), $"{kind} {Gemm.Best} on {team.Threads} threads {m}×{k}×{n}");
            }
    }

    private delegate void Reference(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate);

    /// <summary>
    /// The scalar path sums in float with one rounding per fma, the reference in double: each of the k roundings
    /// is at most 2⁻²⁴ of the running sum, which is at most S = |c| + Σ|a·b|, so they differ by at most (k + 1)·2⁻²⁴·S.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void Scalar_path_agrees_with_the_double_reference(int m, int k, int n)
    {
        foreach (var (kind, reference) in new (Kind, Reference)[] { (Kind.NN, GemmReference.MultiplyNN), (Kind.TN, GemmReference.MultiplyTN), (Kind.NT, GemmReference.MultiplyNT) })
            foreach (bool accumulate in new[] { false, true })
            {
                var a = GradientCheck.RandomArray(m * k, 1);
                var b = GradientCheck.RandomArray(k * n, 2);
                var expected = GradientCheck.RandomArray(m * n, 3);
                var magnitude = expected.Select(Math.Abs).ToArray();
                reference(a, b, expected, m, k, n, accumulate);
                reference(a.Select(Math.Abs).ToArray(), b.Select(Math.Abs).ToArray(), magnitude, m, k, n, accumulate);
                var actual = Product(kind, m, k, n, accumulate, GemmPath.Scalar, null);
                for (int i = 0; i < expected.Length; i++)
                    Assert.True(Math.Abs(expected[i] - actual[i]) <= (k + 1) * MathF.Pow(2, -24) * magnitude[i] * 1.0001f,
                        $"element {i}: {actual[i]} vs reference {expected[i]} ({kind} {m}×{k}×{n})");
            }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Fused_gradient_step_equals_the_product_then_the_sgd_step_bit_for_bit(int m, int k, int n)
    {
        var a = GradientCheck.RandomArray(m * k, 1);
        var b = GradientCheck.RandomArray(k * n, 2);
        var weights = GradientCheck.RandomArray(m * n, 3);
        const float rate = 0.07f;
        var gradient = new float[m * n];
        Gemm.MultiplyTN(a, b, gradient, m, k, n, accumulate: false, null, GemmPath.Scalar);
        var expected = (float[])weights.Clone();
        VectorOps.Step(expected, gradient, rate);
        using var two = new KernelTeam(2) { MinParallelWork = 0 };
        foreach (var path in new[] { GemmPath.Scalar, GemmPath.Vector128, GemmPath.Vector256, GemmPath.Vector512 })
            foreach (var team in new[] { null, two })
            {
                var w = (float[])weights.Clone();
                Gemm.MultiplyTNStep(a, b, w, m, k, n, rate, team, path);
                AssertBitIdentical(expected, w, $"{path} on {team?.Threads ?? 1} threads {m}×{k}×{n}");
            }
    }

    [Fact]
    public void Bias_is_added_to_every_row_after_the_sum()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], bias = [0.5f, -1], c = new float[4];
        Gemm.MultiplyNN(a, b, c, 2, 2, 2, accumulate: false, bias, null, Gemm.Best);
        Assert.Equal([19.5f, 21f, 43.5f, 49f], c);
    }

    [Fact]
    public void Known_2x2_product()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new float[4];
        Gemm.MultiplyNN(a, b, c, 2, 2, 2, accumulate: false);
        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Fact]
    public void Empty_inner_dimension_gives_zero_or_keeps_c()
    {
        float[] c = [1, 2];
        Gemm.MultiplyNN([], [], c, 1, 0, 2, accumulate: true);
        Assert.Equal([1f, 2f], c);
        Gemm.MultiplyNN([], [], c, 1, 0, 2, accumulate: false);
        Assert.Equal([0f, 0f], c);
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        float[] a = [1, 2, 3, 4, 5, 6], t = new float[6];
        Gemm.Transpose(a, t, rows: 2, cols: 3);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], t);
    }
}
