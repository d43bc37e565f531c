using ActRun.Core.Activations;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Layers;

/// <summary>
/// A training step allocates nothing once the buffers exist: forward, loss, backward and update through every
/// layer kind, with adam and with plain SGD (whose update fuses into the backward product), on one thread and on a
/// team of two (packs and updates shared). Counted on the calling thread, which runs every layer.
/// </summary>
public class AllocationTests
{
    [Theory]
    [InlineData("adam(lr=0.001)", 1)]
    [InlineData("adam(lr=0.001)", 2)]
    [InlineData("sgd(lr=0.1)", 2)]
    [InlineData("adamw(lr=0.001, weight_decay=0.01, clip_norm=1)", 2)]
    public void A_training_step_through_every_layer_kind_allocates_nothing(string optimizer, int threads)
    {
        const int batch = 64, inputs = 784;
        using var team = threads > 1 ? new KernelTeam(threads) { MinParallelWork = 0 } : null;
        var spec = ModelSpec.Parse("[dense(520), batch_norm, act, dropout(0.2), dense(64), layer_norm, act(tanh), gaussian_noise(0.1), dense(48), act(selu), alpha_dropout(0.1)]");
        var network = new Network(inputs, spec, () => ActivationRegistry.Create("relu"), 10, batch, team);
        network.Initialize(InitializerRegistry.Resolve("auto", "relu"), new Rng(1));
        var update = Optimizer.Create(OptimizerSettings.Parse(optimizer), network.Parameters, team);
        var head = new SoftmaxCrossEntropy();
        var input = GradientCheck.RandomArray(batch * inputs, 3);
        var labels = Enumerable.Range(0, batch).Select(i => i % 10).ToArray();
        var gradient = new float[batch * 10];
        var context = new LayerContext(true, new ActivationContext(true, new Rng(3)), new Rng(4));
        void Step()
        {
            var logits = network.Forward(input, batch, context);
            head.Evaluate(logits.AsSpan(0, batch * 10), batch, new BatchTargets(labels, default), gradient, computeGradient: true);
            network.Backward(gradient, batch, update);
            update.Step();
        }

        for (int i = 0; i < 3; i++) Step(); // thread-local buffers and the JIT's first calls
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 5; i++) Step();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_sampled_diagnostics_step_allocates_nothing()
    {
        var data = Core.Data.DatasetCatalog.Load("blobs", new Core.Data.DatasetLoadOptions(Seed: 1));
        var network = new Network(data.Train.Features.Columns, spec: ModelSpec.Parse("[dense(32), batch_norm, act, dense(16), act]"), () => ActivationRegistry.Create("prelu"), 4, 16);
        network.Initialize(InitializerRegistry.Resolve("auto", "relu"), new Rng(1));
        var update = Optimizer.Create(OptimizerSettings.Parse("sgd(lr=0.1)"), network.Parameters);
        var diagnostics = new Core.Training.LayerDiagnostics(network, data.Train);
        var input = GradientCheck.RandomArray(16 * network.Inputs, 3);
        var gradient = GradientCheck.RandomArray(16 * 4, 4);
        var context = new LayerContext(true, new ActivationContext(true, null), new Rng(2));
        long before = 0;
        for (int i = 0; i < 4; i++)
        {
            if (i == 1) before = GC.GetAllocatedBytesForCurrentThread(); // after the first step's lazy buffers
            network.Forward(input, 16, context);
            network.Backward(gradient, 16);
            diagnostics.AfterBackward();
            update.Step();
            diagnostics.AfterStep();
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
