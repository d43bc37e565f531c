namespace ActRun.Core.Activations.Simd;

/// <summary>
/// <see cref="IFloatVector{TSelf}"/> over one float, with <see cref="MathF"/> semantics. It lets a formula
/// that has no libm counterpart (erf) be written once and used by both the scalar and the vector paths.
/// Masks are all-bits floats, as in the vector types.
/// </summary>
public readonly struct FloatScalar(float value) : IFloatVector<FloatScalar>
{
    private static readonly float AllBits = BitConverter.Int32BitsToSingle(-1);

    public float Value { get; } = value;

    public static int Count => 1;
    public static bool IsHardwareAccelerated => false;
    public static FloatScalar Load(ReadOnlySpan<float> source, int index) => new(source[index]);
    public void Store(Span<float> destination, int index) => destination[index] = Value;

    public static implicit operator FloatScalar(float value) => new(value);
    public static FloatScalar operator +(FloatScalar left, FloatScalar right) => new(left.Value + right.Value);
    public static FloatScalar operator -(FloatScalar left, FloatScalar right) => new(left.Value - right.Value);
    public static FloatScalar operator *(FloatScalar left, FloatScalar right) => new(left.Value * right.Value);
    public static FloatScalar operator /(FloatScalar left, FloatScalar right) => new(left.Value / right.Value);
    public static FloatScalar operator -(FloatScalar value) => new(-value.Value);

    public static FloatScalar Min(FloatScalar left, FloatScalar right) => new(MathF.Min(left.Value, right.Value));
    public static FloatScalar Max(FloatScalar left, FloatScalar right) => new(MathF.Max(left.Value, right.Value));
    public static FloatScalar Abs(FloatScalar value) => new(MathF.Abs(value.Value));
    public static FloatScalar Sqrt(FloatScalar value) => new(MathF.Sqrt(value.Value));
    public static FloatScalar Exp(FloatScalar value) => new(MathF.Exp(value.Value));
    public static FloatScalar Log(FloatScalar value) => new(MathF.Log(value.Value));

    public static FloatScalar GreaterThan(FloatScalar left, FloatScalar right) => Mask(left.Value > right.Value);
    public static FloatScalar GreaterThanOrEqual(FloatScalar left, FloatScalar right) => Mask(left.Value >= right.Value);
    public static FloatScalar LessThan(FloatScalar left, FloatScalar right) => Mask(left.Value < right.Value);
    public static FloatScalar LessThanOrEqual(FloatScalar left, FloatScalar right) => Mask(left.Value <= right.Value);
    public static FloatScalar And(FloatScalar left, FloatScalar right) =>
        new(BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(left.Value) & BitConverter.SingleToInt32Bits(right.Value)));

    public static FloatScalar Select(FloatScalar mask, FloatScalar whenTrue, FloatScalar whenFalse) =>
        BitConverter.SingleToInt32Bits(mask.Value) != 0 ? whenTrue : whenFalse;

    private static FloatScalar Mask(bool condition) => new(condition ? AllBits : 0f);
}
