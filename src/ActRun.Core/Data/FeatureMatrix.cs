using System.Numerics;
using System.Runtime.Intrinsics.X86;

namespace ActRun.Core.Data;

/// <summary>
/// Read-only samples × features, row-major. Batches are gathered from it by row index into a float buffer,
/// so a dataset can stay in its compact form (MNIST as bytes) and be shared by every run.
/// </summary>
public abstract class FeatureMatrix(int rows, int columns)
{
    public int Rows { get; } = rows;
    public int Columns { get; } = columns;

    public abstract float this[int row, int column] { get; }

    /// <summary>Copies the given rows, in order, into <paramref name="destination"/> (rows × Columns floats).</summary>
    public abstract void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination);

    /// <summary>Copies one contiguous block of rows starting at <paramref name="firstRow"/>.</summary>
    public abstract void CopyRange(int firstRow, int count, Span<float> destination);

    /// <summary>
    /// The first <paramref name="count"/> rows as a new matrix (for subsets). This default copies into floats;
    /// a compact subclass overrides it to stay compact.
    /// </summary>
    public virtual FeatureMatrix TakeRows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Rows);
        var data = new float[count * Columns];
        CopyRange(0, count, data);
        return new FloatFeatures(data, count, Columns);
    }
}

/// <summary>Features stored as float32.</summary>
public sealed class FloatFeatures : FeatureMatrix
{
    private readonly float[] _data;

    public FloatFeatures(float[] data, int rows, int columns) : base(rows, columns)
    {
        if (data.Length != (long)rows * columns)
            throw new ArgumentException($"expected {rows}×{columns} values, got {data.Length}", nameof(data));
        _data = data;
    }

    public ReadOnlySpan<float> Data => _data;

    public override float this[int row, int column] => _data[row * Columns + column];

    public override void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        int c = Columns;
        for (int i = 0; i < rowIndices.Length; i++)
            _data.AsSpan(rowIndices[i] * c, c).CopyTo(destination.Slice(i * c, c));
    }

    public override void CopyRange(int firstRow, int count, Span<float> destination) =>
        _data.AsSpan(firstRow * Columns, count * Columns).CopyTo(destination);
}

/// <summary>
/// Features stored as bytes and scaled on the way out (value = byte × <see cref="Scale"/>): MNIST's
/// 60,000 images take 47 MB this way instead of 188 MB as floats.
/// </summary>
public sealed class ByteFeatures : FeatureMatrix
{
    private readonly byte[] _data;

    public ByteFeatures(byte[] data, int rows, int columns, float scale) : base(rows, columns)
    {
        if (data.Length != (long)rows * columns)
            throw new ArgumentException($"expected {rows}×{columns} values, got {data.Length}", nameof(data));
        _data = data;
        Scale = scale;
    }

    public float Scale { get; }

    public ReadOnlySpan<byte> Data => _data;

    public override float this[int row, int column] => _data[row * Columns + column] * Scale;

    /// <summary>Rows fetched ahead of the one being widened (see <see cref="CopyRows"/>).</summary>
    /// <remarks>8 measured best for MNIST rows of 784 bytes (a third less gather time than none; 4 and 16 in between).</remarks>
    private const int PrefetchRows = 8;

    /// <remarks>
    /// A shuffled batch reads rows scattered over the whole set (47 MB for MNIST, more than the caches): row by
    /// row, each would wait for memory. The rows a few places ahead are requested first, so their loads overlap.
    /// </remarks>
    public override unsafe void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        int c = Columns, n = rowIndices.Length;
        fixed (byte* data = _data)
            for (int i = 0; i < n; i++)
            {
                if (Sse.IsSupported && i + PrefetchRows < n)
                {
                    byte* ahead = data + (nint)rowIndices[i + PrefetchRows] * c;
                    for (int offset = 0; offset < c; offset += 64) Sse.Prefetch0(ahead + offset);
                    Sse.Prefetch0(ahead + c - 1);
                }
                Widen(_data.AsSpan(rowIndices[i] * c, c), destination.Slice(i * c, c));
            }
    }

    public override void CopyRange(int firstRow, int count, Span<float> destination) =>
        Widen(_data.AsSpan(firstRow * Columns, count * Columns), destination);

    public override FeatureMatrix TakeRows(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Rows);
        return new ByteFeatures(_data.AsSpan(0, count * Columns).ToArray(), count, Columns, Scale);
    }

    /// <summary>destination[j] = source[j] × Scale: a training step gathers its batch this way (vectorised; the same bits as the scalar loop).</summary>
    private void Widen(ReadOnlySpan<byte> source, Span<float> destination)
    {
        float s = Scale;
        int j = 0, n = source.Length;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(s);
            int w = Vector<float>.Count;
            for (; j + Vector<byte>.Count <= n; j += Vector<byte>.Count)
            {
                Vector.Widen(new Vector<byte>(source[j..]), out var low, out var high);
                Vector.Widen(low, out var q0, out var q1);
                Vector.Widen(high, out var q2, out var q3);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q0)) * scale).CopyTo(destination[j..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q1)) * scale).CopyTo(destination[(j + w)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q2)) * scale).CopyTo(destination[(j + 2 * w)..]);
                (Vector.ConvertToSingle(Vector.AsVectorInt32(q3)) * scale).CopyTo(destination[(j + 3 * w)..]);
            }
        }
        for (; j < n; j++) destination[j] = source[j] * s;
    }
}

/// <summary>
/// Some rows of another matrix, in a given order, without copying them (a validation split of MNIST would otherwise
/// copy the images into floats once per run).
/// </summary>
public sealed class SelectedRows(FeatureMatrix source, int[] rows) : FeatureMatrix(rows.Length, source.Columns)
{
    public override float this[int row, int column] => source[rows[row], column];

    public override void CopyRows(ReadOnlySpan<int> rowIndices, Span<float> destination)
    {
        int c = Columns;
        for (int i = 0; i < rowIndices.Length; i++)
            source.CopyRows(rows.AsSpan(rowIndices[i], 1), destination.Slice(i * c, c));
    }

    public override void CopyRange(int firstRow, int count, Span<float> destination) =>
        source.CopyRows(rows.AsSpan(firstRow, count), destination);
}
