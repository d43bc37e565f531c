using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ActRun.Core.Activations.Simd;

/// <summary><see cref="IFloatVector{TSelf}"/> over <see cref="Vector256{T}"/>.</summary>
public readonly struct FloatVector256(Vector256<float> value) : IFloatVector<FloatVector256>
{
    public Vector256<float> Value { get; } = value;

    public static int Count => Vector256<float>.Count;
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector256 Load(ReadOnlySpan<float> source, int index) =>
        new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<float> destination, int index) =>
        Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    public static implicit operator FloatVector256(float value) => new(Vector256.Create(value));
    public static FloatVector256 operator +(FloatVector256 left, FloatVector256 right) => new(left.Value + right.Value);
    public static FloatVector256 operator -(FloatVector256 left, FloatVector256 right) => new(left.Value - right.Value);
    public static FloatVector256 operator *(FloatVector256 left, FloatVector256 right) => new(left.Value * right.Value);
    public static FloatVector256 operator /(FloatVector256 left, FloatVector256 right) => new(left.Value / right.Value);
    public static FloatVector256 operator -(FloatVector256 value) => new(-value.Value);

    public static FloatVector256 Min(FloatVector256 left, FloatVector256 right) => new(Vector256.Min(left.Value, right.Value));
    public static FloatVector256 Max(FloatVector256 left, FloatVector256 right) => new(Vector256.Max(left.Value, right.Value));
    public static FloatVector256 Abs(FloatVector256 value) => new(Vector256.Abs(value.Value));
    public static FloatVector256 Sqrt(FloatVector256 value) => new(Vector256.Sqrt(value.Value));

    public static FloatVector256 GreaterThan(FloatVector256 left, FloatVector256 right) => new(Vector256.GreaterThan(left.Value, right.Value));
    public static FloatVector256 GreaterThanOrEqual(FloatVector256 left, FloatVector256 right) => new(Vector256.GreaterThanOrEqual(left.Value, right.Value));
    public static FloatVector256 LessThan(FloatVector256 left, FloatVector256 right) => new(Vector256.LessThan(left.Value, right.Value));
    public static FloatVector256 LessThanOrEqual(FloatVector256 left, FloatVector256 right) => new(Vector256.LessThanOrEqual(left.Value, right.Value));
    public static FloatVector256 And(FloatVector256 left, FloatVector256 right) => new(left.Value & right.Value);
    public static FloatVector256 Or(FloatVector256 left, FloatVector256 right) => new(left.Value | right.Value);

    public static FloatVector256 AddBits(FloatVector256 left, FloatVector256 right) => new((left.Value.AsInt32() + right.Value.AsInt32()).AsSingle());
    public static FloatVector256 SubtractBits(FloatVector256 left, FloatVector256 right) => new((left.Value.AsInt32() - right.Value.AsInt32()).AsSingle());
    public static FloatVector256 ShiftLeftBits(FloatVector256 value, int count) => new(Vector256.ShiftLeft(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector256 ShiftRightArithmeticBits(FloatVector256 value, int count) => new(Vector256.ShiftRightArithmetic(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector256 ConvertBitsToSingle(FloatVector256 value) => new(Vector256.ConvertToSingle(value.Value.AsInt32()));

    public static FloatVector256 Select(FloatVector256 mask, FloatVector256 whenTrue, FloatVector256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));
}
