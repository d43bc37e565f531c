using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ActRun.Core.Activations.Simd;

/// <summary><see cref="IFloatVector{TSelf}"/> over <see cref="Vector512{T}"/>.</summary>
public readonly struct FloatVector512(Vector512<float> value) : IFloatVector<FloatVector512>
{
    public Vector512<float> Value { get; } = value;

    public static int Count => Vector512<float>.Count;
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FloatVector512 Load(ReadOnlySpan<float> source, int index) =>
        new(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<float> destination, int index) =>
        Value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)index);

    public static implicit operator FloatVector512(float value) => new(Vector512.Create(value));
    public static FloatVector512 operator +(FloatVector512 left, FloatVector512 right) => new(left.Value + right.Value);
    public static FloatVector512 operator -(FloatVector512 left, FloatVector512 right) => new(left.Value - right.Value);
    public static FloatVector512 operator *(FloatVector512 left, FloatVector512 right) => new(left.Value * right.Value);
    public static FloatVector512 operator /(FloatVector512 left, FloatVector512 right) => new(left.Value / right.Value);
    public static FloatVector512 operator -(FloatVector512 value) => new(-value.Value);

    public static FloatVector512 Min(FloatVector512 left, FloatVector512 right) => new(Vector512.Min(left.Value, right.Value));
    public static FloatVector512 Max(FloatVector512 left, FloatVector512 right) => new(Vector512.Max(left.Value, right.Value));
    public static FloatVector512 Abs(FloatVector512 value) => new(Vector512.Abs(value.Value));
    public static FloatVector512 Sqrt(FloatVector512 value) => new(Vector512.Sqrt(value.Value));

    public static FloatVector512 GreaterThan(FloatVector512 left, FloatVector512 right) => new(Vector512.GreaterThan(left.Value, right.Value));
    public static FloatVector512 GreaterThanOrEqual(FloatVector512 left, FloatVector512 right) => new(Vector512.GreaterThanOrEqual(left.Value, right.Value));
    public static FloatVector512 LessThan(FloatVector512 left, FloatVector512 right) => new(Vector512.LessThan(left.Value, right.Value));
    public static FloatVector512 LessThanOrEqual(FloatVector512 left, FloatVector512 right) => new(Vector512.LessThanOrEqual(left.Value, right.Value));
    public static FloatVector512 And(FloatVector512 left, FloatVector512 right) => new(left.Value & right.Value);
    public static FloatVector512 Or(FloatVector512 left, FloatVector512 right) => new(left.Value | right.Value);

    public static FloatVector512 AddBits(FloatVector512 left, FloatVector512 right) => new((left.Value.AsInt32() + right.Value.AsInt32()).AsSingle());
    public static FloatVector512 SubtractBits(FloatVector512 left, FloatVector512 right) => new((left.Value.AsInt32() - right.Value.AsInt32()).AsSingle());
    public static FloatVector512 ShiftLeftBits(FloatVector512 value, int count) => new(Vector512.ShiftLeft(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector512 ShiftRightArithmeticBits(FloatVector512 value, int count) => new(Vector512.ShiftRightArithmetic(value.Value.AsInt32(), count).AsSingle());
    public static FloatVector512 ConvertBitsToSingle(FloatVector512 value) => new(Vector512.ConvertToSingle(value.Value.AsInt32()));

    public static FloatVector512 Select(FloatVector512 mask, FloatVector512 whenTrue, FloatVector512 whenFalse) =>
        new(Vector512.ConditionalSelect(mask.Value, whenTrue.Value, whenFalse.Value));
}
