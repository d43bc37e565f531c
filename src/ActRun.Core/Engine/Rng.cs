using System.Numerics;
using System.Runtime.CompilerServices;

namespace ActRun.Core.Engine;

/// <summary>
/// The one source of randomness: xoshiro256** seeded through SplitMix64. Written out here (rather than
/// System.Random) so that the same seed gives the same stream on every runtime and platform.
/// Not thread-safe: each run owns its generators and passes them down explicitly.
/// </summary>
public sealed class Rng
{
    private ulong _s0, _s1, _s2, _s3;
    private double? _spareGaussian;

    public Rng(ulong seed)
    {
        ulong x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>A seed derived from a parent seed and a stream label, for independent sub-generators.</summary>
    public static ulong Derive(ulong seed, ulong stream)
    {
        ulong x = seed ^ (0x9E3779B97F4A7C15UL * (stream + 1));
        SplitMix64(ref x);
        return SplitMix64(ref x);
    }

    /// <summary>A seed derived from a text label (stable across runs: FNV-1a, not string.GetHashCode).</summary>
    public static ulong Derive(ulong seed, string label)
    {
        ulong h = 14695981039346656037UL;
        foreach (char c in label)
        {
            h ^= c;
            h *= 1099511628211UL;
        }
        return Derive(seed, h);
    }

    public ulong NextUInt64() => Next(ref _s0, ref _s1, ref _s2, ref _s3);

    /// <summary>
    /// One step of xoshiro256**: the output, and the state moved on. Inlined, so a loop that keeps the state in locals
    /// (<see cref="FillBernoulliMask"/>) keeps it in registers.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Next(ref ulong s0, ref ulong s1, ref ulong s2, ref ulong s3)
    {
        ulong result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        ulong t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>
    /// One draw per element in order: mask[i] = <see cref="NextFloat"/>() &lt; rate ? dropped : kept, the same draws
    /// and decisions as that loop (NextFloat() &lt; rate exactly when the draw's top 24 bits are below ⌈rate·2²⁴⌉),
    /// without a branch and with the generator's state in registers: dropout's masks, about 4× faster.
    /// </summary>
    public void FillBernoulliMask(Span<float> mask, float rate, float dropped, float kept)
    {
        ulong threshold = (ulong)Math.Ceiling(rate * (double)(1 << 24));
        int droppedBits = BitConverter.SingleToInt32Bits(dropped), keptBits = BitConverter.SingleToInt32Bits(kept);
        ulong s0 = _s0, s1 = _s1, s2 = _s2, s3 = _s3;
        for (int i = 0; i < mask.Length; i++)
        {
            ulong result = Next(ref s0, ref s1, ref s2, ref s3);
            // All ones when the draw is below the threshold (both are under 2^25, so the difference's sign tells).
            int drop = (int)((long)((result >> 40) - threshold) >> 63);
            mask[i] = BitConverter.Int32BitsToSingle((droppedBits & drop) | (keptBits & ~drop));
        }
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>Uniform in [low, high).</summary>
    public double NextUniform(double low, double high) => low + (high - low) * NextDouble();

    /// <summary>Uniform integer in [0, n), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n));
        ulong bound = (ulong)n;
        ulong threshold = (0UL - bound) % bound;
        while (true)
        {
            ulong r = NextUInt64();
            UInt128 m = (UInt128)r * bound;
            if ((ulong)m >= threshold) return (int)(m >> 64);
        }
    }

    /// <summary>Standard normal (Marsaglia's polar method; the second value of each pair is kept).</summary>
    public double NextGaussian()
    {
        if (_spareGaussian is double spare)
        {
            _spareGaussian = null;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2 * NextDouble() - 1;
            v = 2 * NextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.Sqrt(-2 * DoubleMath.Log(s) / s); // DoubleMath: the same draws on every machine
        _spareGaussian = v * f;
        return u * f;
    }

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong SplitMix64(ref ulong x)
    {
        ulong z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
