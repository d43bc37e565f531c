using System.Diagnostics;
using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Engine;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;

namespace ActRun.Core.Training;

/// <summary>
/// Trains one network: epochs of shuffled mini-batches (the last partial batch included), then an evaluation
/// of the test split. All randomness derives from the run's seed: initial weights, shuffling and the
/// activation's own draws (rrelu) each have their own stream, so changing one never shifts another. With validation
/// (<see cref="ValidationSettings"/>) a split of the training rows is held out, measured after every epoch, and the only
/// data any choice looks at: the best epoch (whose weights the run ends with), early stopping and the rate's reductions.
/// </summary>
public static class Trainer
{
    /// <summary>Largest batch used for evaluation; training batches may be larger.</summary>
    private const int EvaluationBatch = 512;

    /// <param name="kernelThreads">Threads that share each matrix product; every number except the timings is the same for any count.</param>
    public static RunResult Train(Dataset data, RunSettings settings, Action<EpochMetrics>? onEpoch = null, CancellationToken cancel = default,
        TrainingExtras extras = TrainingExtras.None, int kernelThreads = 1)
    {
        var model = settings.Model;
        var validation = settings.Train.Validation;
        DataSplit? validationSplit = null;
        if (validation.Enabled)
        {
            // The held-out rows leave the training split: the network never trains on them.
            var (train, held) = ValidationSplit.Carve(data, validation.Fraction, settings.Seed);
            data = data with { Train = train };
            validationSplit = held;
        }
        var head = OutputHead.Create(model.Output, data);
        // Fail on a bad name before any work, with the registry's message.
        ActivationRegistry.Create(model.Activation);
        // A batch larger than the training set is the whole set (as in Keras); only the buffers would grow.
        int batch = Math.Min(settings.Train.BatchSize, Math.Max(1, data.Train.Count));
        using var team = kernelThreads > 1 ? new KernelTeam(kernelThreads) : null;
        var network = new Network(data.FeatureCount, model.Spec, () => ActivationRegistry.Create(model.Activation),
            head.OutputUnits(data), Math.Max(batch, EvaluationBatch), team);
        var init = InitializerRegistry.Resolve(model.Init, model.Activation);
        network.Initialize(init, new Rng(Rng.Derive(settings.Seed, "init")));
        var optimizer = Optimizer.Create(settings.Train.Optimizer, network.Parameters, team);
        var shuffleRng = new Rng(Rng.Derive(settings.Seed, "shuffle"));
        var trainingContext = new LayerContext(true, new ActivationContext(true, new Rng(Rng.Derive(settings.Seed, "activation"))),
            new Rng(Rng.Derive(settings.Seed, "dropout")));

        var buffers = new Buffers(network, data);
        int n = data.Train.Count;
        int[] order = Enumerable.Range(0, n).ToArray();
        var epochs = new List<EpochMetrics>();
        var status = RunStatus.Ok;
        // The loss before the first update: the reference of the divergence bound (DivergenceRule).
        double initialLoss = double.NaN;
        var diagnostics = extras.HasFlag(TrainingExtras.Diagnostics) ? new LayerDiagnostics(network, data.Train) : null;
        var layerStats = new List<LayerStats>();
        // The optimizer may apply its update inside the backward pass (the same bits, without storing the gradient
        // and reading it back), except on the steps whose gradients the diagnostics measure.
        // Choices made on validation only: the best epoch's weights, early stopping, the rate's reductions.
        var stopper = validation.EarlyStopping is { } stopping ? new EarlyStopper(stopping) : null;
        var plateau = new PlateauReducer(validation.Plateau);
        WeightSnapshot? best = null;
        double bestValue = double.NaN;

        for (int epoch = 1; epoch <= settings.Train.Epochs; epoch++)
        {
            if (cancel.IsCancellationRequested)
            {
                status = RunStatus.Cancelled;
                break;
            }
            // The rate of this epoch: the schedule's, from the optimizer's rate, times the reductions on plateaus so far.
            optimizer.LearningRate = plateau.Scale(settings.Train.Schedule.Rate(settings.Train.Optimizer.LearningRate, epoch, settings.Train.Epochs));
            var clock = Stopwatch.StartNew();
            shuffleRng.Shuffle(order.AsSpan());
            double lossSum = 0;
            long correct = 0;
            bool diverged = false;
            for (int start = 0, step = 0; start < n; start += batch, step++)
            {
                int rows = Math.Min(batch, n - start);
                var indices = order.AsSpan(start, rows);
                var targets = buffers.Gather(data.Train, indices);
                var logits = network.Forward(buffers.Input, rows, trainingContext);
                var result = head.Evaluate(logits.AsSpan(0, rows * network.Outputs), rows, targets, buffers.Gradient, computeGradient: true);
                lossSum += result.LossSum;
                correct += result.Correct;
                if (epoch == 1 && step == 0) initialLoss = result.LossSum / rows;
                if (!double.IsFinite(result.LossSum))
                {
                    diverged = true;
                    break;
                }
                bool sampled = diagnostics is not null && LayerDiagnostics.Samples(step);
                network.Backward(buffers.Gradient, rows, sampled ? null : optimizer);
                if (sampled) diagnostics!.AfterBackward();
                optimizer.Step();
                if (sampled) diagnostics!.AfterStep();
            }
            double seconds = clock.Elapsed.TotalSeconds;
            bool classification = data.Task == TaskKind.Classification;
            var scores = classification ? null : new RegressionScore.Accumulator(network.Outputs);
            var (testLoss, testAccuracy) = Evaluate(network, head, data.Test, buffers, scores);
            var score = scores?.Score() ?? RegressionScore.None;
            var (valLoss, valAccuracy) = validationSplit is null ? (double.NaN, double.NaN) : Evaluate(network, head, validationSplit, buffers);
            var metrics = new EpochMetrics(epoch, lossSum / n, classification ? (double)correct / n : double.NaN,
                testLoss, testAccuracy, seconds)
            {
                LearningRate = optimizer.LearningRate, ValLoss = valLoss, ValAccuracy = valAccuracy, TestRmse = score.Rmse, TestMae = score.Mae, TestR2 = score.R2,
            };
            epochs.Add(metrics);
            if (diagnostics is not null) layerStats.AddRange(diagnostics.EndEpoch(epoch));
            onEpoch?.Invoke(metrics);
            if (diverged || !double.IsFinite(testLoss) || DivergenceRule.Exceeded(metrics.TrainLoss, initialLoss, settings.Train.DivergenceFactor))
            {
                status = RunStatus.Diverged;
                break;
            }
            if (validation.Enabled)
            {
                double value = ValidationSettings.Value(metrics, validation.Monitor);
                if (BestEpoch.IsBetter(value, bestValue, validation.Monitor))
                {
                    bestValue = value;
                    if (best is null) best = WeightSnapshot.Take(network);
                    else best.Update(network);
                }
                plateau.AfterEpoch(metrics, optimizer.LearningRate);
                if (stopper?.StopAfter(metrics) == true) break;
            }
        }
        // The run ends with the best epoch's weights, so everything after (the decision regions, a saved model) is of them.
        if (status == RunStatus.Ok && best is not null) best.Restore(network);
        var regions = extras.HasFlag(TrainingExtras.DecisionGrid) && DecisionGrid.Applies(data) ? DecisionGrid.Compute(network, head, data) : [];
        return new RunResult(settings, epochs, status)
        {
            Layers = layerStats, Regions = regions, Network = extras.HasFlag(TrainingExtras.Model) ? network : null,
        };
    }

    /// <summary>Mean loss and accuracy of a network on a split (evaluation mode: no training-time randomness).</summary>
    /// <param name="regression">Given for a regression split: the predictions and targets are added to it.</param>
    public static (double Loss, double Accuracy) Evaluate(Network network, OutputHead head, DataSplit split, Buffers buffers,
        RegressionScore.Accumulator? regression = null)
    {
        int n = split.Count;
        int[] all = buffers.Sequential(n);
        double lossSum = 0;
        long correct = 0;
        for (int start = 0; start < n; start += network.MaxBatch)
        {
            int rows = Math.Min(network.MaxBatch, n - start);
            var targets = buffers.Gather(split, all.AsSpan(start, rows));
            var logits = network.Forward(buffers.Input, rows, LayerContext.Evaluation);
            var result = head.Evaluate(logits.AsSpan(0, rows * network.Outputs), rows, targets, default, computeGradient: false);
            if (regression is not null && !targets.Values.IsEmpty) regression.Add(logits.AsSpan(0, rows * network.Outputs), targets.Values, rows);
            lossSum += result.LossSum;
            correct += result.Correct;
        }
        return (lossSum / n, split.Labels is null ? double.NaN : (double)correct / n);
    }

    /// <summary>The per-run buffers a step reads and writes, allocated once.</summary>
    public sealed class Buffers(Network network, Dataset data)
    {
        private readonly int[] _labels = new int[network.MaxBatch];
        private readonly float[] _values = new float[network.MaxBatch * network.Outputs];
        private int[] _sequential = [];

        public float[] Input { get; } = new float[network.MaxBatch * data.FeatureCount];
        public float[] Gradient { get; } = new float[network.MaxBatch * network.Outputs];

        /// <summary>Copies the rows' features into <see cref="Input"/> and returns their targets.</summary>
        public BatchTargets Gather(DataSplit split, ReadOnlySpan<int> rows)
        {
            split.Features.CopyRows(rows, Input);
            if (split.Labels is { } labels)
            {
                for (int i = 0; i < rows.Length; i++) _labels[i] = labels[rows[i]];
                return new BatchTargets(_labels.AsSpan(0, rows.Length), default);
            }
            int k = network.Outputs;
            for (int i = 0; i < rows.Length; i++) split.Targets.AsSpan(rows[i] * k, k).CopyTo(_values.AsSpan(i * k, k));
            return new BatchTargets(default, _values.AsSpan(0, rows.Length * k));
        }

        public int[] Sequential(int n)
        {
            if (_sequential.Length != n) _sequential = Enumerable.Range(0, n).ToArray();
            return _sequential;
        }
    }
}
