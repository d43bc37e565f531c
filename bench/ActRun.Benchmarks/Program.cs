using ActRun.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActRun.Benchmarks -- --filter '*'          (BenchmarkDotNet, all)
//   ... -- --filter '*Gemm*' --job short                                          (a quicker look)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- gflops [threads [batch,.. [hidden,..]]]  (GFLOP/s, in seconds)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- steps [threads [hidden]]   (training steps per epoch)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- breakdown threads batch hidden   (a step's phases per epoch)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- layers threads batch SPEC [activation [optimizer]]   (each layer's passes per epoch)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- peak [seconds]   (measured FMA peak per width, 1 thread and all cores)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- products [batch,.. [hidden,..]]   (the large products as % of that peak)
if (args is ["gflops", ..])
{
        int[]? List(int i) => args.Length > i ? args[i].Split(',').Select(int.Parse).ToArray() : null;
    QuickGflops.Run(args.Length > 1 ? int.Parse(args[1]) : 1, List(2), List(3));
    return;
}
if (args is ["steps", ..])
{
    QuickGflops.Steps(args.Length > 1 ? int.Parse(args[1]) : 1, args.Length > 2 ? int.Parse(args[2]) : 128);
    return;
}
if (args is ["breakdown", ..])
{
    Breakdown.Run(int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]));
    return;
}
if (args is ["layers", ..])
{
    LayerBreakdown.Run(int.Parse(args[1]), int.Parse(args[2]), args[3], args.Length > 4 ? args[4] : "relu", args.Length > 5 ? args[5] : "adam(lr=0.001)");
    return;
}
if (args is ["peak", ..])
{
    PeakReport.Print(args.Length > 1 ? double.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0.002);
    return;
}
if (args is ["products", ..])
{
    int[] List(int i, int[] fallback) => args.Length > i ? args[i].Split(',').Select(int.Parse).ToArray() : fallback;
    PeakReport.Products(List(1, [256]), List(2, [512, 1024]), 0.002);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
