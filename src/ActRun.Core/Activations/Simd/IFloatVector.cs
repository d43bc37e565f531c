namespace ActRun.Core.Activations.Simd;

/// <summary>
/// The operations an activation's vector path needs, over one SIMD width. .NET keeps its own
/// <c>ISimdVector</c> internal, so this small interface lets an activation write its vector formula once
/// (generic over the width) and run it as <see cref="FloatVector128"/>, <see cref="FloatVector256"/> or
/// <see cref="FloatVector512"/>. Comparisons return all-bits masks for <see cref="Select"/>.
/// Min and Max propagate NaN, as <see cref="MathF.Min"/> and <see cref="MathF.Max"/> do.
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
    static abstract TSelf Exp(TSelf value);
    static abstract TSelf Log(TSelf value);

    static abstract TSelf GreaterThan(TSelf left, TSelf right);
    static abstract TSelf GreaterThanOrEqual(TSelf left, TSelf right);
    static abstract TSelf LessThan(TSelf left, TSelf right);
    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);
    static abstract TSelf And(TSelf left, TSelf right);

    /// <summary>Per lane: mask ? whenTrue : whenFalse.</summary>
    static abstract TSelf Select(TSelf mask, TSelf whenTrue, TSelf whenFalse);
}
