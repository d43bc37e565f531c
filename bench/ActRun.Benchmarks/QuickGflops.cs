using System.Diagnostics;
using ActRun.Core.Engine;

namespace ActRun.Benchmarks;

/// <summary>
/// A rough profile in seconds instead of BenchmarkDotNet's minutes: best-of-N GFLOP/s of the three products of
/// a 784→hidden layer for the batch and hidden sizes of the peer comparison, on the best kernel path.
/// </summary>
public static class QuickGflops
{
    public static void Run(int threads, int[]? batches = null, int[]? hiddens = null)
    {
        using var team = threads > 1 ? new KernelTeam(threads) : null;
        // GFLOP/s against the FMA peak measured now with as many threads (PeakReport), not a formula.
        double peak = FmaPeak.Measure(Gemm.Best, threads);
        Console.WriteLine($"path {Gemm.Best}, {threads} thread(s); best of 5 timings, GFLOP/s; measured {Gemm.Best} FMA peak on {threads} thread(s): {peak:F1} GFLOP/s");
        Console.WriteLine("batch hidden          X·W+b          Xᵀ·dZ          dZ·Wᵀ         H·W2+b         Hᵀ·dZ2        dZ2·W2ᵀ   (% of the peak)");
        foreach (int batch in batches ?? [16, 64, 256])
            foreach (int hidden in hiddens ?? [32, 128, 512, 1024])
            {
                var rng = new Rng(1);
                float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray();
                float[] x = R(batch * 784), w = R(784 * hidden), bias = R(hidden), dz = R(batch * hidden), z = new float[batch * hidden];
                float[] dw = new float[784 * hidden], dx = new float[batch * 784];
                float[] w2 = R(hidden * 10), b2 = R(10), dz2 = R(batch * 10), z2 = new float[batch * 10], dw2 = new float[hidden * 10];
                double F(int m, int k, int n) => 2.0 * m * k * n;
                Console.WriteLine($"{batch,5} {hidden,6} " + string.Join(" ", new[]
                {
                    Time(F(batch, 784, hidden), () => Gemm.MultiplyNN(x, w, z, batch, 784, hidden, false, bias, team, Gemm.Best)),
                    Time(F(784, batch, hidden), () => Gemm.MultiplyTN(x, dz, dw, 784, batch, hidden, true, team, Gemm.Best)),
                    Time(F(batch, hidden, 784), () => Gemm.MultiplyNT(dz, w, dx, batch, hidden, 784, false, team, Gemm.Best)),
                    Time(F(batch, hidden, 10), () => Gemm.MultiplyNN(z, w2, z2, batch, hidden, 10, false, b2, team, Gemm.Best)),
                    Time(F(hidden, batch, 10), () => Gemm.MultiplyTN(z, dz2, dw2, hidden, batch, 10, true, team, Gemm.Best)),
                    Time(F(batch, 10, hidden), () => Gemm.MultiplyNT(dz2, w2, dz, batch, 10, hidden, false, team, Gemm.Best)),
                }.Select(g => $"{g,7:F1} ({100 * g / peak,3:F0}%)")));
            }
    }

    /// <summary>Seconds per 60000 samples of training steps (forward, loss, backward, SGD) for each batch size.</summary>
    public static void Steps(int threads, int hidden)
    {
        foreach (int batch in new[] { 16, 64, 256 })
        {
            var bench = new TrainingStepBenchmarks { Batch = batch, Hidden = hidden, Threads = threads };
            bench.Setup();
            int steps = 60000 / batch;
            double best = double.MaxValue;
            for (int round = 0; round < 4; round++)
            {
                var clock = Stopwatch.StartNew();
                for (int i = 0; i < steps; i++) bench.Step();
                if (round > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds);
            }
            long before = GC.GetAllocatedBytesForCurrentThread();
            bench.Step();
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            bench.Cleanup();
            Console.WriteLine($"batch {batch,4} hidden {hidden,5} threads {threads}: {best:F3} s per 60000 samples, {allocated} bytes allocated per step");
        }
    }

    /// <summary>GFLOP/s of the best of <paramref name="timings"/> timings (after a warm-up) of enough repetitions to take about 0.2 GFLOP each.</summary>
    internal static double Time(double flops, Action product, int timings = 5)
    {
        int reps = (int)Math.Clamp(2e8 / flops, 1, 20000);
        double best = double.MaxValue;
        for (int round = 0; round <= timings; round++)
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < reps; i++) product();
            if (round > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds / reps);
        }
        return flops / best / 1e9;
    }
}
