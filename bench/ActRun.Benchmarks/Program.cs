using ActRun.Benchmarks;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/ActRun.Benchmarks -- --filter '*'          (BenchmarkDotNet, all)
//   ... -- --filter '*Gemm*' --job short                                          (a quicker look)
// dotnet run -c Release --project bench/ActRun.Benchmarks -- gflops [threads]     (GFLOP/s of each product, seconds)
if (args is ["gflops", ..])
{
    QuickGflops.Run(args.Length > 1 ? int.Parse(args[1]) : 1);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
