using ActRun.Core.Engine;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Engine;

public class GemmTests
{
    public static TheoryData<int, int, int> Shapes => new()
    {
        { 1, 1, 1 }, { 7, 13, 5 }, { 4, 32, 32 }, { 5, 3, 33 }, { 65, 129, 17 }, { 64, 784, 128 }, { 3, 10, 130 }, { 17, 1, 47 },
    };

    private delegate void Product(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n, bool accumulate);

    private static void AssertAgrees(Product fast, Product reference, int aLength, int bLength, int m, int k, int n, bool accumulate)
    {
        var a = GradientCheck.RandomArray(aLength, 1);
        var b = GradientCheck.RandomArray(bLength, 2);
        var start = GradientCheck.RandomArray(m * n, 3);
        var expected = (float[])start.Clone();
        var actual = (float[])start.Clone();
        reference(a, b, expected, m, k, n, accumulate);
        fast(a, b, actual, m, k, n, accumulate);
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f * (k + 1) * (1 + Math.Abs(expected[i])),
                $"element {i}: {actual[i]} vs reference {expected[i]} ({m}×{k}×{n}, accumulate {accumulate})");
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NN_equals_reference_on_odd_shapes(int m, int k, int n)
    {
        AssertAgrees(Gemm.MultiplyNN, GemmReference.MultiplyNN, m * k, k * n, m, k, n, false);
        AssertAgrees(Gemm.MultiplyNN, GemmReference.MultiplyNN, m * k, k * n, m, k, n, true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void TN_equals_reference_on_odd_shapes(int m, int k, int n)
    {
        AssertAgrees(Gemm.MultiplyTN, GemmReference.MultiplyTN, k * m, k * n, m, k, n, false);
        AssertAgrees(Gemm.MultiplyTN, GemmReference.MultiplyTN, k * m, k * n, m, k, n, true);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void NT_equals_reference_on_odd_shapes(int m, int k, int n)
    {
        AssertAgrees(Gemm.MultiplyNT, GemmReference.MultiplyNT, m * k, n * k, m, k, n, false);
        AssertAgrees(Gemm.MultiplyNT, GemmReference.MultiplyNT, m * k, n * k, m, k, n, true);
    }

    [Fact]
    public void Known_2x2_product()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new float[4];
        Gemm.MultiplyNN(a, b, c, 2, 2, 2, accumulate: false);
        Assert.Equal([19f, 22f, 43f, 50f], c);
    }

    [Fact]
    public void Transpose_swaps_rows_and_columns()
    {
        float[] a = [1, 2, 3, 4, 5, 6], t = new float[6];
        Gemm.Transpose(a, t, rows: 2, cols: 3);
        Assert.Equal([1f, 4f, 2f, 5f, 3f, 6f], t);
    }
}
