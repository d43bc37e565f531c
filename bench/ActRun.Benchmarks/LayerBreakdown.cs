using System.Diagnostics;
using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;

namespace ActRun.Benchmarks;

/// <summary>
/// Where a training step's time goes layer by layer, for any model spec: each layer's forward and backward pass and
/// the optimizer's update, in seconds per 60,000 samples (best of 4 timed rounds after one warm-up). Random images,
/// labels i mod 10.
/// </summary>
public static class LayerBreakdown
{
    public static void Run(int threads, int batch, string spec, string activation, string optimizer)
    {
        using var team = threads > 1 ? new KernelTeam(threads) : null;
        var network = new Network(784, ModelSpec.Parse(spec), () => ActivationRegistry.Create(activation), 10, batch, team);
        network.Initialize(InitializerRegistry.Resolve("auto", activation), new Rng(1));
        var head = new SoftmaxCrossEntropy();
        var update = Optimizer.Create(OptimizerSettings.Parse(optimizer), network.Parameters, team);
        var rng = new Rng(2);
        var input = Enumerable.Range(0, batch * 784).Select(_ => (float)rng.NextDouble()).ToArray();
        var labels = Enumerable.Range(0, batch).Select(i => i % 10).ToArray();
        var gradient = new float[batch * 10];
        var context = new LayerContext(true, new ActivationContext(true, new Rng(3)), new Rng(4));
        var layers = network.Layers;
        int parts = 2 * layers.Count + 2, steps = 60000 / batch;
        var best = Enumerable.Repeat(double.MaxValue, parts).ToArray();
        for (int round = 0; round < 5; round++)
        {
            var t = new long[parts];
            for (int s = 0; s < steps; s++)
            {
                float[] x = input;
                for (int i = 0; i < layers.Count; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    x = layers[i].Forward(x, batch, context);
                    t[i] += Stopwatch.GetTimestamp() - t0;
                }
                long l0 = Stopwatch.GetTimestamp();
                head.Evaluate(x.AsSpan(0, batch * 10), batch, new BatchTargets(labels, default), gradient, computeGradient: true);
                t[2 * layers.Count] += Stopwatch.GetTimestamp() - l0;
                float[] g = gradient;
                for (int i = layers.Count - 1; i >= 0; i--)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    g = layers[i].Backward(g, batch, i > 0, update)!;
                    t[layers.Count + i] += Stopwatch.GetTimestamp() - t0;
                }
                long u0 = Stopwatch.GetTimestamp();
                update.Step();
                t[parts - 1] += Stopwatch.GetTimestamp() - u0;
            }
            if (round > 0)
                for (int j = 0; j < parts; j++) best[j] = Math.Min(best[j], (double)t[j] / Stopwatch.Frequency);
        }
        Console.WriteLine($"{spec} + output, {activation}, {optimizer}, batch {batch}, threads {threads}: seconds per 60000 samples");
        for (int i = 0; i < layers.Count; i++)
            Console.WriteLine($"  {i + 1,2} {layers[i].Label,-28} forward {best[i]:F4}  backward {best[layers.Count + i]:F4}");
        Console.WriteLine($"     loss {best[2 * layers.Count]:F4}  optimizer {best[parts - 1]:F4}  total {best.Sum():F4}");
    }
}
