namespace ActRun.Core.Activations.Simd;

/// <summary>
/// The operations an activation's vector path needs, over one SIMD width. .NET keeps its own
/// <c>ISimdVector</c> internal, so this small interface lets an activation write its vector formula once
/// (generic over the width) and run it as <see cref="FloatVector128"/>, <see cref="FloatVector256"/> or
/// <see cref="FloatVector512"/>. Comparisons return all-bits masks for <see cref="Select"/>.
/// Min and Max propagate NaN, as <see cref="MathF.Min"/> and <see cref="MathF.Max"/> do.
/// Every operation is one IEEE operation (or exact integer work on the bits), so one formula written over this
/// interface gives the same bits on every width and on <see cref="FloatScalar"/>: there is deliberately no
/// Exp or Log here (the platform's differ by path and by machine), see <see cref="FloatMath"/>, and no fused
/// multiply-add or reciprocal estimate.
/// </summary>
public interface IFloatVector<TSelf> where TSelf : struct, IFloatVector<TSelf>
{
    static abstract int Count { get; }
    static abstract bool IsHardwareAccelerated { get; }
    static abstract TSelf Load(ReadOnlySpan<float> source, int index);
    void Store(Span<float> destination, int index);

    static abstract implicit operator TSelf(float value);
    static abstract TSelf operator +(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf left, TSelf right);
    static abstract TSelf operator *(TSelf left, TSelf right);
    static abstract TSelf operator /(TSelf left, TSelf right);
    static abstract TSelf operator -(TSelf value);

    static abstract TSelf Min(TSelf left, TSelf right);
    static abstract TSelf Max(TSelf left, TSelf right);
    static abstract TSelf Abs(TSelf value);
    static abstract TSelf Sqrt(TSelf value);

    static abstract TSelf GreaterThan(TSelf left, TSelf right);
    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);
    static abstract TSelf LessThan(TSelf left, TSelf right);
    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);
    static abstract TSelf And(TSelf left, TSelf right);
    static abstract TSelf Or(TSelf left, TSelf right);

    // Integer operations on each lane's bit pattern read as an int32, for building and splitting floats
    // (2^n scaling, exponent extraction) in FloatMath. Every path computes them exactly.

    /// <summary>Lane bits as int32: left + right (wrapping).</summary>
    static abstract TSelf AddBits(TSelf left, TSelf right);

    /// <summary>Lane bits as int32: left − right (wrapping).</summary>
    static abstract TSelf SubtractBits(TSelf left, TSelf right);

    /// <summary>Lane bits as int32, shifted left by <paramref name="count"/>.</summary>
    static abstract TSelf ShiftLeftBits(TSelf value, int count);

    /// <summary>Lane bits as int32, shifted right by <paramref name="count"/> with the sign bit copied in.</summary>
    static abstract TSelf ShiftRightArithmeticBits(TSelf value, int count);

    /// <summary>The lane's bits read as an int32, converted to the nearest float (exact below 2^24).</summary>
    static abstract TSelf ConvertBitsToSingle(TSelf value);

    /// <summary>Per lane: mask ? whenTrue : whenFalse.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);
}
