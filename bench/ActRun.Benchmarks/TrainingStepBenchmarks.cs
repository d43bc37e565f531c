using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using BenchmarkDotNet.Attributes;

namespace ActRun.Benchmarks;

/// <summary>
/// One SGD step of the MNIST MLP (784-hidden-10, relu, softmax + cross-entropy) on a batch of random images:
/// forward, loss and its gradient, backward, update. Allocated bytes should be 0.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    private Network _network = null!;
    private OutputHead _head = null!;
    private Optimizer _optimizer = null!;
    private float[] _input = [], _gradient = [];
    private int[] _labels = [];
    private KernelTeam? _team;

    [Params(64, 256)] public int Batch { get; set; }
    [Params(128, 1024)] public int Hidden { get; set; }
    [Params(1, 2)] public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _team = Threads > 1 ? new KernelTeam(Threads) : null;
        _network = new Network(784, [Hidden], () => ActivationRegistry.Create("relu"), 10, Batch, _team);
        _network.Initialize(InitializerRegistry.Resolve("auto", "relu"), new Rng(1));
        _head = new SoftmaxCrossEntropy();
        _optimizer = Optimizer.Create(new OptimizerSettings("sgd", 0.1), _network.Parameters, _team);
        var rng = new Rng(2);
        _input = Enumerable.Range(0, Batch * 784).Select(_ => (float)rng.NextDouble()).ToArray();
        _labels = Enumerable.Range(0, Batch).Select(i => i % 10).ToArray();
        _gradient = new float[Batch * 10];
    }

    [GlobalCleanup]
    public void Cleanup() => _team?.Dispose();

    [Benchmark]
    public double Step()
    {
        var logits = _network.Forward(_input, Batch, new ActivationContext(true, null));
        var loss = _head.Evaluate(logits.AsSpan(0, Batch * 10), Batch, new BatchTargets(_labels, default), _gradient, computeGradient: true);
        _network.Backward(_gradient, Batch);
        _optimizer.Step();
        return loss.LossSum;
    }

    public void StepParts(out long forwardDone, out long lossDone, out long backwardDone)
    {
        var logits = _network.Forward(_input, Batch, new ActivationContext(true, null));
        forwardDone = System.Diagnostics.Stopwatch.GetTimestamp();
        _head.Evaluate(logits.AsSpan(0, Batch * 10), Batch, new BatchTargets(_labels, default), _gradient, computeGradient: true);
        lossDone = System.Diagnostics.Stopwatch.GetTimestamp();
        _network.Backward(_gradient, Batch);
        backwardDone = System.Diagnostics.Stopwatch.GetTimestamp();
        _optimizer.Step();
    }
}
