namespace ActRun.Core.Activations.Simd;

/// <summary>
/// <see cref="IFloatVector{TSelf}"/> over one float, with <see cref="MathF"/> semantics. Every formula in
/// <see cref="FloatMath"/> is written once over the interface, and its scalar form runs it on this type, so the
/// scalar path and the vector paths perform the same IEEE operations in the same order.
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

    public static FloatScalar GreaterThan(FloatScalar left, FloatScalar right) => Mask(left.Value > right.Value);
    public static FloatScalar GreaterThanOrEqual(FloatScalar left, FloatScalar right) => Mask(left.Value >= right.Value);
    public static FloatScalar LessThan(FloatScalar left, FloatScalar right) => Mask(left.Value < right.Value);
    public static FloatScalar LessThanOrEqual(FloatScalar left, FloatScalar right) => Mask(left.Value <= right.Value);
    public static FloatScalar And(FloatScalar left, FloatScalar right) => FromBits(Bits(left) & Bits(right));
    public static FloatScalar Or(FloatScalar left, FloatScalar right) => FromBits(Bits(left) | Bits(right));

    public static FloatScalar AddBits(FloatScalar left, FloatScalar right) => FromBits(unchecked(Bits(left) + Bits(right)));
    public static FloatScalar SubtractBits(FloatScalar left, FloatScalar right) => FromBits(unchecked(Bits(left) - Bits(right)));
    public static FloatScalar ShiftLeftBits(FloatScalar value, int count) => FromBits(Bits(value) << count);
    public static FloatScalar ShiftRightArithmeticBits(FloatScalar value, int count) => FromBits(Bits(value) >> count);
    public static FloatScalar ConvertBitsToSingle(FloatScalar value) => new(Bits(value));

    public static FloatScalar Select(FloatScalar mask, FloatScalar whenTrue, FloatScalar whenFalse) =>
        BitConverter.SingleToInt32Bits(mask.Value) != 0 ? whenTrue : whenFalse;

    private static FloatScalar Mask(bool condition) => new(condition ? AllBits : 0f);

    private static int Bits(FloatScalar value) => BitConverter.SingleToInt32Bits(value.Value);

    private static FloatScalar FromBits(int bits) => new(BitConverter.Int32BitsToSingle(bits));
}
