using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace ActRun.Core.Engine;

/// <summary>
/// The machine's real floating-point peak, measured rather than computed from a data sheet: <see cref="Chains"/>
/// independent chains x ← a·x + b per thread, each a fused multiply-add whose input is the chain's previous output,
/// so the only limit is how many FMAs the core retires per cycle (enough chains cover the FMA latency of 4–5 cycles
/// on two pipes). A formula of pipes × lanes × clock guesses the pipe width (Zen 4 runs AVX-512 on 256-bit units)
/// and the clock (boost, or the nominal <c>cpu MHz</c>); this loop does neither.
/// </summary>
public static unsafe class FmaPeak
{
    /// <summary>Independent accumulator chains per thread: 12 vectors plus a and b fit AVX2's 16 registers.</summary>
    public const int Chains = 12;

    /// <summary>Floats per FMA at a width (1 for the scalar path).</summary>
    public static int Lanes(GemmPath width) => width switch
    {
        GemmPath.Vector512 => Vector512<float>.Count,
        GemmPath.Vector256 => Vector256<float>.Count,
        GemmPath.Vector128 => Vector128<float>.Count,
        _ => 1,
    };

    /// <summary>Whether this processor has a fused multiply-add instruction at that width (else .NET emulates it, far slower).</summary>
    public static bool IsSupported(GemmPath width) => width switch
    {
        GemmPath.Vector512 => Avx512F.IsSupported,
        GemmPath.Vector256 => Fma.IsSupported,
        _ => Fma.IsSupported || AdvSimd.IsSupported,
    };

    /// <summary>The widths <see cref="IsSupported"/> says the hardware runs, narrowest first.</summary>
    public static IReadOnlyList<GemmPath> SupportedWidths { get; } = Enum.GetValues<GemmPath>().Where(IsSupported).ToArray();

    /// <summary>
    /// Runs the chains: <paramref name="values"/> holds <see cref="Chains"/> × <see cref="Lanes"/> starting values
    /// (chain c is values[c·lanes .. (c+1)·lanes)), and gets each after <paramref name="iterations"/> steps of
    /// fma(x, a, b), rounded once per step as <see cref="MathF.FusedMultiplyAdd"/>.
    /// </summary>
    public static void Run(GemmPath width, float a, float b, long iterations, Span<float> values)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(iterations);
        if (values.Length != Chains * Lanes(width))
            throw new ArgumentException($"expected {Chains} chains × {Lanes(width)} lanes = {Chains * Lanes(width)} values, got {values.Length}.", nameof(values));
        fixed (float* p = values)
        {
            switch (width)
            {
                case GemmPath.Vector512: Run<Simd512, Vector512<float>>(p, a, b, iterations); break;
                case GemmPath.Vector256: Run<Simd256, Vector256<float>>(p, a, b, iterations); break;
                case GemmPath.Vector128: Run<Simd128, Vector128<float>>(p, a, b, iterations); break;
                default: Run<Scalar, float>(p, a, b, iterations); break;
            }
        }
    }

    /// <summary>
    /// GFLOP/s of <paramref name="threads"/> threads each running the chains at once (2 flops per lane per FMA), the
    /// best of <paramref name="rounds"/> rounds of about <paramref name="seconds"/> each: the best round is the one the
    /// rest of the machine disturbed least. Many short rounds find an undisturbed one even on a busy machine, where a
    /// round longer than the scheduler's time slice (a few ms) almost never runs whole.
    /// </summary>
    public static double Measure(GemmPath width, int threads = 1, double seconds = 0.002, int rounds = 50)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        int lanes = Lanes(width);
        // a = 1 − 2⁻¹², b = 2⁻¹²: x converges to 1 and stays a normal number, so no step is slowed by subnormals.
        const float a = 1 - 1f / 4096, b = 1f / 4096;
        long iterations = Calibrate(width, seconds);
        long[] starts = new long[threads], ends = new long[threads];
        using var barrier = new Barrier(threads);
        double best = double.MaxValue;
        void Work(int t)
        {
            var values = new float[Chains * lanes];
            values.AsSpan().Fill(0.5f);
            barrier.SignalAndWait();
            starts[t] = Stopwatch.GetTimestamp();
            Run(width, a, b, iterations, values);
            ends[t] = Stopwatch.GetTimestamp();
        }
        for (int round = 0; round < rounds; round++)
        {
            var workers = Enumerable.Range(1, threads - 1).Select(t => new Thread(() => Work(t)) { IsBackground = true }).ToList();
            workers.ForEach(w => w.Start());
            Work(0);
            workers.ForEach(w => w.Join());
            best = Math.Min(best, Stopwatch.GetElapsedTime(starts.Min(), ends.Max()).TotalSeconds);
        }
        return 2.0 * Chains * lanes * iterations * threads / best / 1e9;
    }

    /// <summary>Iterations that take about <paramref name="seconds"/> on one thread, from a short run (which also compiles the kernel).</summary>
    private static long Calibrate(GemmPath width, double seconds)
    {
        var values = new float[Chains * Lanes(width)];
        long iterations = 1 << 14;
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            Run(width, 1, 0, iterations, values);
            double elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (elapsed >= 0.01 || iterations >= 1L << 40) return Math.Max(1, (long)(iterations * seconds / Math.Max(elapsed, 1e-9)));
            iterations *= 4;
        }
    }

    // Fully optimized at once: a loop that runs for seconds must not start as unoptimized code.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Run<TS, TV>(float* p, float a, float b, long iterations) where TS : ISimd<TV> where TV : unmanaged
    {
        int w = TS.Width;
        TV va = TS.Broadcast(a), vb = TS.Broadcast(b);
        TV x0 = TS.Load(p), x1 = TS.Load(p + w), x2 = TS.Load(p + 2 * w), x3 = TS.Load(p + 3 * w);
        TV x4 = TS.Load(p + 4 * w), x5 = TS.Load(p + 5 * w), x6 = TS.Load(p + 6 * w), x7 = TS.Load(p + 7 * w);
        TV x8 = TS.Load(p + 8 * w), x9 = TS.Load(p + 9 * w), x10 = TS.Load(p + 10 * w), x11 = TS.Load(p + 11 * w);
        for (long i = 0; i < iterations; i++)
        {
            x0 = TS.Fma(x0, va, vb); x1 = TS.Fma(x1, va, vb); x2 = TS.Fma(x2, va, vb); x3 = TS.Fma(x3, va, vb);
            x4 = TS.Fma(x4, va, vb); x5 = TS.Fma(x5, va, vb); x6 = TS.Fma(x6, va, vb); x7 = TS.Fma(x7, va, vb);
            x8 = TS.Fma(x8, va, vb); x9 = TS.Fma(x9, va, vb); x10 = TS.Fma(x10, va, vb); x11 = TS.Fma(x11, va, vb);
        }
        TS.Store(p, x0); TS.Store(p + w, x1); TS.Store(p + 2 * w, x2); TS.Store(p + 3 * w, x3);
        TS.Store(p + 4 * w, x4); TS.Store(p + 5 * w, x5); TS.Store(p + 6 * w, x6); TS.Store(p + 7 * w, x7);
        TS.Store(p + 8 * w, x8); TS.Store(p + 9 * w, x9); TS.Store(p + 10 * w, x10); TS.Store(p + 11 * w, x11);
    }

    /// <summary>One float as a width of its own: the scalar FMA (vfmadd…ss on x64), for the scalar row of the table.</summary>
    private struct Scalar : ISimd<float>
    {
        public static int Width => 1;
        public static int Rows => 1;
        public static float Zero => 0;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Load(float* p) => *p;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static void Store(float* p, float v) => *p = v;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Broadcast(float x) => x;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Fma(float a, float b, float c) => MathF.FusedMultiplyAdd(a, b, c);
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Add(float a, float b) => a + b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Multiply(float a, float b) => a * b;
        [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Subtract(float a, float b) => a - b;
    }
}
