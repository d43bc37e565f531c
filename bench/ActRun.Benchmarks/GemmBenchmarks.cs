using ActRun.Core.Engine;
using BenchmarkDotNet.Attributes;

namespace ActRun.Benchmarks;

/// <summary>
/// The three products of a 784→hidden dense layer on a batch, per kernel path and thread count.
/// GFLOP/s = 2·batch·784·hidden / time; set it against the measured peak (`-- peak`), not a formula. A path the machine
/// lacks runs in software (slow, but it still checks that the path works).
/// </summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private const int Inputs = 784;
    private float[] _x = [], _w = [], _z = [], _dz = [], _dw = [], _dx = [], _bias = [];
    private KernelTeam? _team;

    [Params(64, 256)] public int Batch { get; set; }
    [Params(128, 1024)] public int Hidden { get; set; }
    [Params(GemmPath.Vector128, GemmPath.Vector256, GemmPath.Vector512)] public GemmPath Path { get; set; }
    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Rng(1);
        float[] Random(int n) => Enumerable.Range(0, n).Select(_ => (float)rng.NextGaussian()).ToArray();
        _x = Random(Batch * Inputs);
        _w = Random(Inputs * Hidden);
        _bias = Random(Hidden);
        _dz = Random(Batch * Hidden);
        _z = new float[Batch * Hidden];
        _dw = new float[Inputs * Hidden];
        _dx = new float[Batch * Inputs];
        _team = Threads > 1 ? new KernelTeam(Threads) : null;
    }

    [GlobalCleanup]
    public void Cleanup() => _team?.Dispose();

    [Benchmark(Description = "forward X·W + b")]
    public void Forward() => Gemm.MultiplyNN(_x, _w, _z, Batch, Inputs, Hidden, false, _bias, _team, Path);

    [Benchmark(Description = "weight gradient Xᵀ·dZ")]
    public void WeightGradient() => Gemm.MultiplyTN(_x, _dz, _dw, Inputs, Batch, Hidden, true, _team, Path);

    [Benchmark(Description = "input gradient dZ·Wᵀ")]
    public void InputGradient() => Gemm.MultiplyNT(_dz, _w, _dx, Batch, Hidden, Inputs, false, _team, Path);
}
