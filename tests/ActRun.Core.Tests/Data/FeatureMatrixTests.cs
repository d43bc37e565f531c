using ActRun.Core.Data;

namespace ActRun.Core.Tests.Data;

public class FeatureMatrixTests
{
    /// <summary>Rows of 100 bytes: whole vectors and a scalar tail on every SIMD width.</summary>
    [Fact]
    public void Byte_rows_gather_as_byte_times_scale_exactly()
    {
        const int rows = 5, columns = 100;
        var bytes = new byte[rows * columns];
        new Random(7).NextBytes(bytes);
        bytes[0] = 255;
        bytes[1] = 0;
        var features = new ByteFeatures(bytes, rows, columns, 1f / 255);
        int[] order = [3, 0, 4];
        var gathered = new float[order.Length * columns];
        features.CopyRows(order, gathered);
        for (int i = 0; i < order.Length; i++)
            for (int j = 0; j < columns; j++)
                Assert.Equal(bytes[order[i] * columns + j] * (1f / 255), gathered[i * columns + j]);
        var range = new float[2 * columns];
        features.CopyRange(1, 2, range);
        Assert.Equal(Enumerable.Range(columns, 2 * columns).Select(k => bytes[k] * (1f / 255)), range);
        Assert.Equal(1f, features[0, 0]);
    }
}
