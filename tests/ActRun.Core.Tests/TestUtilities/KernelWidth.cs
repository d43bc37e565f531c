using System.Runtime.Intrinsics;
using ActRun.Core.Activations.Simd;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// Forces the widest vector the elementwise kernels use (<see cref="ElementwiseKernels.WidestVectorBits"/>), so a
/// test runs the 512-, 256- and 128-bit paths and the scalar form on one machine. The setting is process-wide:
/// tests that use it belong to <see cref="Collection"/>, which xunit runs alone.
/// </summary>
public static class KernelWidth
{
    public const string Collection = "kernel width";

    /// <summary>Every width this machine can run, widest first; 0 is the scalar form alone.</summary>
    public static IReadOnlyList<int> Available { get; } =
    [
        .. Vector512.IsHardwareAccelerated ? new[] { 512 } : [],
        .. Vector256.IsHardwareAccelerated ? new[] { 256 } : [],
        .. Vector128.IsHardwareAccelerated ? new[] { 128 } : [],
        0,
    ];

    public static TheoryData<int> Widths()
    {
        var data = new TheoryData<int>();
        foreach (int bits in Available) data.Add(bits);
        return data;
    }

    public static IDisposable Force(int bits)
    {
        ElementwiseKernels.WidestVectorBits = bits;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => ElementwiseKernels.WidestVectorBits = 512;
    }
}

[CollectionDefinition(KernelWidth.Collection, DisableParallelization = true)]
public sealed class KernelWidthCollection;
