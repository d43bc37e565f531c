using System.Diagnostics;

namespace ActRun.Benchmarks;

/// <summary>Where a training step's time goes: forward, loss, backward, optimizer, per 60000 samples (best of 4 rounds each).</summary>
public static class Breakdown
{
    public static void Run(int threads, int batch, int hidden)
    {
        var bench = new TrainingStepBenchmarks { Batch = batch, Hidden = hidden, Threads = threads };
        bench.Setup();
        int steps = 60000 / batch;
        var best = new double[4];
        Array.Fill(best, double.MaxValue);
        for (int round = 0; round < 5; round++)
        {
            var t = new double[4];
            for (int i = 0; i < steps; i++)
            {
                long t0 = Stopwatch.GetTimestamp();
                bench.StepParts(out long t1, out long t2, out long t3);
                long t4 = Stopwatch.GetTimestamp();
                t[0] += t1 - t0; t[1] += t2 - t1; t[2] += t3 - t2; t[3] += t4 - t3;
            }
            if (round > 0)
                for (int j = 0; j < 4; j++) best[j] = Math.Min(best[j], t[j] / Stopwatch.Frequency);
        }
        bench.Cleanup();
        Console.WriteLine($"batch {batch} hidden {hidden} threads {threads}: forward {best[0]:F3} loss {best[1]:F3} backward {best[2]:F3} sgd {best[3]:F3} s per 60000 samples");
    }
}
