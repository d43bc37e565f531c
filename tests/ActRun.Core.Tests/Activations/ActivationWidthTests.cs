using ActRun.Core.Activations;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Activations;

/// <summary>
/// Every registered activation gives the same bits on every SIMD width and on the scalar form: forward and
/// backward blocks, forced to each width this machine runs (<see cref="KernelWidth"/>), equal the scalar
/// <see cref="Activation.Value"/> and <see cref="Activation.Derivative"/> element by element, bit for bit.
/// </summary>
[Collection(KernelWidth.Collection)]
public class ActivationWidthTests
{
    /// <summary>Lengths that run each width's loop, the narrower ones on what is left, and the scalar tail.</summary>
    private static readonly int[] BlockLengths = [1, 7, 17, 29, 31, 33, 100];

    /// <summary>The edges of the float range, where the portable exp, log and tanh switch branches.</summary>
    private static readonly float[] Edges =
    [
        0f, -0f, float.NaN, float.PositiveInfinity, float.NegativeInfinity, float.MaxValue, float.MinValue,
        float.Epsilon, -float.Epsilon, 1e-40f, -1e-40f, 1.17549435e-38f, -1.17549435e-38f, 3e-4f, -3e-4f, 5e-4f,
        88.7f, 88.8f, -87.3f, -103.9f, -104.1f, 44.4f, -44.4f, 9f, -9f, 20f, -20f, 1e-8f, -1e-8f,
    ];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string text in ActivationContractTests.Specs())
            foreach (int bits in KernelWidth.Available)
                data.Add(text, bits);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_width_gives_the_bits_of_the_scalar_form(string text, int widestBits)
    {
        var activation = ActivationRegistry.Create(text);
        var rng = new ActRun.Core.Engine.Rng(42);
        using var _ = KernelWidth.Force(widestBits);
        foreach (int length in BlockLengths.Append(Edges.Length * 3))
        {
            var z = new float[length];
            var da = new float[length];
            for (int i = 0; i < length; i++)
            {
                z[i] = length > 100 ? Edges[i % Edges.Length] * (i < Edges.Length ? 1 : i < 2 * Edges.Length ? 0.5f : 3f)
                    : i % 5 == 0 ? (float)rng.NextUniform(-60, 60) : (float)rng.NextUniform(-6, 6);
                da[i] = (float)rng.NextUniform(-2, 2);
            }
            var a = new float[length];
            var dz = new float[length];
            activation.Forward(z, a, length, ActivationContext.Evaluation);
            for (int i = 0; i < length; i++)
                AssertSameBits(activation.Value(z[i]), a[i], $"{text} forward at width {widestBits}, length {length}, z={z[i]:R}");

            var aScalar = z.Select(activation.Value).ToArray();
            activation.Backward(z, aScalar, da, dz, length);
            for (int i = 0; i < length; i++)
                AssertSameBits(da[i] * activation.Derivative(z[i], aScalar[i]), dz[i], $"{text} backward at width {widestBits}, length {length}, z={z[i]:R}");
        }
    }

    /// <summary>Equal bits; any NaN equals any NaN (x86 and arm64 make different NaN payloads, and none is printed).</summary>
    internal static void AssertSameBits(float expected, float actual, string what) =>
        Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual) || (float.IsNaN(expected) && float.IsNaN(actual)),
            $"{what}: block {actual:R}, scalar {expected:R}");
}
