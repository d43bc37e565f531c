using ActRun.Core.Engine;

namespace ActRun.Benchmarks;

/// <summary>
/// The measured FMA peak (<see cref="FmaPeak"/>) per SIMD width, on one thread and on every core at once, and the
/// large products of a 784→hidden layer as a share of it. GFLOP/s are reported against this peak, not a formula.
/// </summary>
public static class PeakReport
{
    /// <summary>The peak of the best width on one thread and on all cores, and that width.</summary>
    public sealed record Peak(GemmPath Width, double OneThread, double AllCores, int Cores);

    /// <summary>Prints the table of widths and, last, the line scripts read: "machine peak: X GFLOP/s per core, Y GFLOP/s on N cores (width)".</summary>
    public static Peak Print(double seconds)
    {
        int cores = Environment.ProcessorCount;
        Console.WriteLine($"FMA peak: {FmaPeak.Chains} independent chains x <- a*x + b per thread, best of 50 rounds of ~{seconds * 1000:0.#} ms, 2 flops per lane per FMA");
        Console.WriteLine($"{"width",-10} {"lanes",5} {"1 thread",10} {cores + " threads",10} {"per core",10}   GFLOP/s");
        var rows = new List<(GemmPath Width, double One, double All)>();
        foreach (var width in Enum.GetValues<GemmPath>())
        {
            if (!FmaPeak.IsSupported(width))
            {
                Console.WriteLine($"{Name(width),-10} {FmaPeak.Lanes(width),5}   (no FMA instruction at this width: skipped)");
                continue;
            }
            double one = FmaPeak.Measure(width, 1, seconds), all = cores > 1 ? FmaPeak.Measure(width, cores, seconds) : one;
            Console.WriteLine($"{Name(width),-10} {FmaPeak.Lanes(width),5} {one,10:F1} {all,10:F1} {all / cores,10:F1}");
            rows.Add((width, one, all));
        }
        if (rows.Count == 0) throw new InvalidOperationException("no FMA width is supported on this machine.");
        var top = rows.MaxBy(r => r.One);
        var best = new Peak(top.Width, top.One, rows.Max(r => r.All), cores);
        Console.WriteLine($"GEMM path: {Name(Gemm.Best)}; processor: {Processor()}");
        Console.WriteLine($"machine peak: {best.OneThread:F1} GFLOP/s per core, {best.AllCores:F1} GFLOP/s on {cores} cores ({Name(best.Width)})");
        return best;
    }

    /// <summary>
    /// The three products of a 784→hidden layer at each batch and hidden size (X·W + b forward, dZ·Wᵀ the input
    /// gradient, Xᵀ·dZ the weight gradient, written not added as in training) on 1 thread and on every core, in
    /// GFLOP/s and as a share of the peak measured with the same number of threads.
    /// </summary>
    public static void Products(int[] batches, int[] hiddens, double seconds)
    {
        // Many short timings, as for the peak: two threads must both run for a whole timing to count.
        const int Timings = 30;
        var peak = Print(seconds);
        int cores = Environment.ProcessorCount;
        Console.WriteLine();
        Console.WriteLine($"products on path {Name(Gemm.Best)}, best of 30 timings of ~0.2 GFLOP, GFLOP/s (% of the measured peak for that many threads: " +
                          $"{peak.OneThread:F1} on 1, {peak.AllCores:F1} on {cores})");
        Console.WriteLine($"{"threads",7} {"batch",5} {"hidden",6} {"X·W+b",16} {"dZ·Wᵀ",16} {"Xᵀ·dZ",16}");
        foreach (int threads in cores > 1 ? new[] { 1, cores } : [1])
        {
            using var team = threads > 1 ? new KernelTeam(threads) : null;
            double reference = threads > 1 ? peak.AllCores : peak.OneThread;
            foreach (int batch in batches)
                foreach (int hidden in hiddens)
                {
                    var rng = new Rng(1);
                    float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray();
                    float[] x = R(batch * 784), w = R(784 * hidden), bias = R(hidden), dz = R(batch * hidden);
                    float[] z = new float[batch * hidden], dw = new float[784 * hidden], dx = new float[batch * 784];
                    double flops = 2.0 * batch * 784 * hidden;
                    var cells = new[]
                    {
                        QuickGflops.Time(flops, () => Gemm.MultiplyNN(x, w, z, batch, 784, hidden, false, bias, team, Gemm.Best), Timings),
                        QuickGflops.Time(flops, () => Gemm.MultiplyNT(dz, w, dx, batch, hidden, 784, false, team, Gemm.Best), Timings),
                        QuickGflops.Time(flops, () => Gemm.MultiplyTN(x, dz, dw, 784, batch, hidden, false, team, Gemm.Best), Timings),
                    }.Select(g => $"{g,8:F1} ({100 * g / reference,3:F0}%)");
                    Console.WriteLine($"{threads,7} {batch,5} {hidden,6} {string.Join(" ", cells)}");
                }
        }
    }

    private static string Name(GemmPath width) => width == GemmPath.Scalar ? "scalar" : width.ToString();

    private static string Processor()
    {
        try
        {
            string? line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name")) : null;
            return line is null ? System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}
