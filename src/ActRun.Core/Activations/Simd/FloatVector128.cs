using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ActRun.Core.Activations.Simd;

/// <summary><see cref="IFloatVector{TSelf}"/> over <see cref="Vector128{T}"/>.</summary>
public readonly struct FloatVector128(Vector128<float> value) : IFloatVector<FloatVector128>
{
    public Vector128<float> Value { get; } = value;

    public static int Count => Vector128<float>.Count;
    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector128 Load(ReadOnlySpan<float> source, int index) =>
        new(Vector128.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<float> destination, int index) =>
        Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    public static implicit operator FloatVector128(float value) => new(Vector128.Create(value));
    public static FloatVector128 operator +(FloatVector128 left, FloatVector128 right) => new(left.Value + right.Value);
    public static FloatVector128 operator -(FloatVector128 left, FloatVector128 right) => new(left.Value - right.Value);
    public static FloatVector128 operator *(FloatVector128 left, FloatVector128 right) => new(left.Value * right.Value);
    public static FloatVector128 operator /(FloatVector128 left, FloatVector128 right) => new(left.Value / right.Value);
    public static FloatVector128 operator -(FloatVector128 value) => new(-value.Value);

    public static FloatVector128 Min(FloatVector128 left, FloatVector128 right) => new(Vector128.Min(left.Value, right.Value));
    public static FloatVector128 Max(FloatVector128 left, FloatVector128 right) => new(Vector128.Max(left.Value, right.Value));
    public static FloatVector128 Abs(FloatVector128 value) => new(Vector128.Abs(value.Value));
    public static FloatVector128 Sqrt(FloatVector128 value) => new(Vector128.Sqrt(value.Value));

    public static FloatVector128 GreaterThan(FloatVector128 left, FloatVector128 right) => new(Vector128.GreaterThan(left.Value, right.Value));
    public static FloatVector128 GreaterThanOrEqual(FloatVector128 left, FloatVector128 right) => new(Vector128.GreaterThanOrEqual(left.Value, right.Value));
    public static FloatVector128 LessThan(FloatVector128 left, FloatVector128 right) => new(Vector128.LessThan(left.Value, right.Value));
    public static FloatVector128 LessThanOrEqual(FloatVector128 left, FloatVector128 right) => new(Vector128.LessThanOrEqual(left.Value, right.Value));
    public static FloatVector128 And(FloatVector128 left, FloatVector128 right) => new(left.Value & right.Value);
    public static FloatVector128 Or(FloatVector128 left, FloatVector128 right) => new(left.Value | right.Value);

    public static FloatVector128 AddBits(FloatVector128 left, FloatVector128 right) => new((left.Value.AsInt32() + right.Value.AsInt32()).AsSingle());
    public static FloatVector128 SubtractBits(FloatVector128 left, FloatVector128 right) => new((left.Value.AsInt32() - right.Value.AsInt32()).AsSingle());
    public static FloatVector128 ShiftLeftBits(FloatVector128 value, int count) => new(Vector128.ShiftLeft(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector128 ShiftRightArithmeticBits(FloatVector128 value, int count) => new(Vector128.ShiftRightArithmetic(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector128 ConvertBitsToSingle(FloatVector128 value) => new(Vector128.ConvertToSingle(value.Value.AsInt32()));

    public static FloatVector128 Select(FloatVector128 mask, FloatVector128 whenTrue, FloatVector128 whenFalse) =>
        new(Vector128.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));
}
