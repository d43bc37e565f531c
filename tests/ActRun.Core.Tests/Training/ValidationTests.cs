using ActRun.Core.Data;
using ActRun.Core.Layers;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

/// <summary>The validation split, and that every choice a run makes (best epoch, early stop, the rate's reductions) is made on it alone.</summary>
public class ValidationTests
{
    /// <summary>
    /// Three noisy Gaussian clusters of 500, 300 and 200 rows; feature x3 is the row's index, so a test can tell rows apart.
    /// The test split is another draw of the same clusters.
    /// </summary>
    private static Dataset Clusters(ulong seed = 4, int[]? counts = null)
    {
        counts ??= [500, 300, 200];
        DataSplit Draw(ulong drawSeed)
        {
            var rng = new ActRun.Core.Engine.Rng(drawSeed);
            int rows = counts.Sum();
            var x = new float[rows * 3];
            var labels = new int[rows];
            // Classes interleaved, so that no class sits in one block of rows.
            var order = Enumerable.Range(0, counts.Length).SelectMany(c => Enumerable.Repeat(c, counts[c])).ToArray();
            rng.Shuffle(order.AsSpan());
            for (int i = 0; i < rows; i++)
            {
                int c = labels[i] = order[i];
                x[3 * i] = (float)(Math.Cos(2 * c) + rng.NextGaussian() * 0.8);
                x[3 * i + 1] = (float)(Math.Sin(2 * c) + rng.NextGaussian() * 0.8);
                x[3 * i + 2] = i / (float)rows;
            }
            return new DataSplit(new FloatFeatures(x, rows, 3), labels, null);
        }
        return new Dataset("clusters", TaskKind.Classification, counts.Length, ["x1", "x2", "x3"], Draw(seed), Draw(seed + 100));
    }

    private static RunSettings Settings(ValidationSettings validation, string optimizer = "sgd", double lr = 0.5, int epochs = 30, ModelSpec? layers = null) =>
        new(new ModelSettings([16], "relu", "softmax", "glorot_uniform") { Layers = layers },
            new TrainSettings(epochs, 32, new OptimizerSettings(optimizer, lr)) { Validation = validation }, 1);

    private static EpochMetrics Epoch(int epoch, double valLoss, double valAccuracy = double.NaN) =>
        new(epoch, 0, 0, 0, 0, 0) { ValLoss = valLoss, ValAccuracy = valAccuracy };

    [Fact]
    public void A_classification_split_keeps_each_class_proportion_and_every_row_once()
    {
        var data = Clusters();

        var (train, validation) = ValidationSplit.Carve(data, 0.1, 7);

        // round(0.1 x 500, 300, 200) rows of each class go to validation, the rest stays for training.
        Assert.Equal([50, 30, 20], Enumerable.Range(0, 3).Select(c => validation.Labels!.Count(l => l == c)));
        Assert.Equal([450, 270, 180], Enumerable.Range(0, 3).Select(c => train.Labels!.Count(l => l == c)));
        // x3 names the row: the two parts are disjoint, together they are the whole training split, each in the original order.
        var trainRows = Enumerable.Range(0, train.Count).Select(i => train.Features[i, 2]).ToList();
        var validationRows = Enumerable.Range(0, validation.Count).Select(i => validation.Features[i, 2]).ToList();
        Assert.Empty(trainRows.Intersect(validationRows));
        Assert.Equal(Enumerable.Range(0, data.Train.Count).Select(i => data.Train.Features[i, 2]).Order(), trainRows.Concat(validationRows).Order());
        Assert.Equal(trainRows.Order(), trainRows);
        Assert.Equal(validationRows.Order(), validationRows);
        // Each row keeps its label.
        for (int i = 0; i < validation.Count; i++)
            Assert.Equal(data.Train.Labels![(int)Math.Round(validation.Features[i, 2] * data.Train.Count)], validation.Labels![i]);
    }

    [Fact]
    public void The_held_out_rows_depend_on_the_seed_and_the_data_only()
    {
        var data = Clusters();
        float[] Rows(ulong seed)
        {
            var (_, validation) = ValidationSplit.Carve(data, 0.2, seed);
            return Enumerable.Range(0, validation.Count).Select(i => validation.Features[i, 2]).ToArray();
        }

        Assert.Equal(Rows(42), Rows(42));
        Assert.NotEqual(Rows(42), Rows(43));
    }

    [Fact]
    public void Every_variant_of_a_seed_trains_without_the_same_rows_and_validates_on_them()
    {
        // Two activations of one seed: a network whose rate is too small to move measures the same validation rows
        // only if both runs held out the same ones; the split is made before anything about the variant is used.
        var data = Clusters();
        var validation = new ValidationSettings(0.1);
        RunSettings Frozen(string activation) => Settings(validation, lr: 1e-30, epochs: 1) with
        {
            Model = new ModelSettings([], activation, "softmax", "glorot_uniform"),
        };

        var relu = Trainer.Train(data, Frozen("relu"));
        var tanh = Trainer.Train(data, Frozen("tanh"));

        // With no hidden layer the activation is unused: same weights, same rows, same numbers.
        Assert.Equal(relu.Epochs[0].ValLoss, tanh.Epochs[0].ValLoss);
        Assert.Equal(relu.Epochs[0].TrainLoss, tanh.Epochs[0].TrainLoss);
    }

    [Fact]
    public void A_regression_split_draws_rows_at_random()
    {
        var data = TinyData.Regression(95, 2, 3);

        var (train, validation) = ValidationSplit.Carve(data, 0.2, 1);

        Assert.Equal(19, validation.Count);
        Assert.Equal(76, train.Count);
        Assert.Equal(data.Train.Targets!.Order(), train.Targets!.Concat(validation.Targets!).Order());
    }

    [Fact]
    public void A_class_too_small_to_split_is_one_actionable_error()
    {
        var data = Clusters(counts: [500, 300, 4]);

        var e = Assert.Throws<ConfigException>(() => ValidationSplit.Carve(data, 0.1, 1));

        Assert.Contains("of 'clusters' leaves class 2 with no validation row: it has 4 training rows", e.Message);
        Assert.Contains("validation_fraction 0", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void Without_validation_nothing_is_chosen_and_the_final_epoch_is_reported()
    {
        var result = Trainer.Train(Clusters(), Settings(ValidationSettings.Off, epochs: 3));

        Assert.Null(result.BestEpoch);
        Assert.Same(result.Final, result.Reported);
        Assert.All(result.Epochs, e => Assert.True(double.IsNaN(e.ValLoss) && double.IsNaN(e.ValAccuracy)));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("batch_norm")]
    public void The_run_ends_with_the_best_epochs_weights_and_reports_their_test_numbers(string model)
    {
        // A rate this high makes the validation loss jump around, so the best epoch is not the last one.
        var layers = model == "plain" ? null : ModelSpec.Parse("dense(16), batch_norm, act");
        var data = Clusters();
        var result = Trainer.Train(data, Settings(new ValidationSettings(0.1), lr: 0.8, layers: layers), extras: TrainingExtras.Model);

        int best = result.BestEpoch!.Value;
        Assert.True(best < result.Epochs.Count, $"best epoch {best} of {result.Epochs.Count}: the test needs a best epoch before the last");
        Assert.Equal(result.Epochs.MinBy(e => e.ValLoss)!.Epoch, best);
        var network = result.Network!;
        var head = OutputHead.Create("softmax", data);
        var (loss, accuracy) = Trainer.Evaluate(network, head, data.Test, new Trainer.Buffers(network, data));
        // The restored network is the best epoch's, bit for bit (its running statistics included), not the final one.
        Assert.Equal(result.Reported!.TestLoss, loss);
        Assert.Equal(result.Reported.TestAccuracy, accuracy);
        Assert.NotEqual(result.Final!.TestLoss, loss);
    }

    [Fact]
    public void Early_stopping_stops_where_keras_would()
    {
        // val_loss: improves at 1, 2, then 3 and 4 do not (0.95, 0.92 are not below 0.9): with patience 2 training stops after epoch 4.
        var losses = new[] { 1.0, 0.9, 0.95, 0.92, 0.85, 0.8 };
        var epochs = losses.Select((v, i) => Epoch(i + 1, v)).ToList();

        Assert.Equal(4, EarlyStopper.StopEpoch(epochs, new EarlyStoppingSettings(Patience: 2)));
        // Patience 0 and 1 both stop at the first epoch without improvement (as in Keras).
        Assert.Equal(3, EarlyStopper.StopEpoch(epochs, new EarlyStoppingSettings(Patience: 0)));
        Assert.Equal(3, EarlyStopper.StopEpoch(epochs, new EarlyStoppingSettings(Patience: 1)));
        // Patience 3: epoch 5 improves in time, and nothing stops the run.
        Assert.Null(EarlyStopper.StopEpoch(epochs, new EarlyStoppingSettings(Patience: 3)));
        // min_delta 0.2: only an improvement by more than 0.2 counts; 0.9 and 0.85 are not, so epochs 2 and 3 wait, and it stops at 3.
        Assert.Equal(3, EarlyStopper.StopEpoch(epochs, new EarlyStoppingSettings(Patience: 2, MinDelta: 0.2)));
        // Mode max on accuracy: 0.5, 0.6, 0.6, 0.55 -> epochs 3 and 4 do not improve.
        var accuracies = new[] { 0.5, 0.6, 0.6, 0.55, 0.7 }.Select((v, i) => Epoch(i + 1, double.NaN, v)).ToList();
        Assert.Equal(4, EarlyStopper.StopEpoch(accuracies, new EarlyStoppingSettings("val_accuracy", Patience: 2, Mode: "max")));
    }

    [Fact]
    public void Reduce_on_plateau_reduces_at_the_epochs_keras_would()
    {
        // Patience 2, factor 0.5, cooldown 2, min_delta 1e-4: epochs 2-3 do not improve on 1.0 (1.00005 is within min_delta)
        // -> reduce after 3. Keras counts the cooldown down before it counts waiting: epoch 4 is in the cooldown, epoch 5
        // ends it and waits, 6 waits -> reduce after 6; 7 improves; 8 and 9 do not -> reduce after 9.
        var losses = new[] { 1.0, 1.0, 1.00005, 1.2, 1.1, 1.0, 0.5, 0.6, 0.7 };
        var reducer = new PlateauReducer(new PlateauSettings(Factor: 0.5, Patience: 2, Cooldown: 2));
        var reduced = new List<int>();
        double rate = 0.1;
        for (int i = 0; i < losses.Length; i++)
        {
            if (reducer.AfterEpoch(Epoch(i + 1, losses[i]), rate)) reduced.Add(i + 1);
            rate = reducer.Scale(0.1);
        }

        Assert.Equal([3, 6, 9], reduced);
        Assert.Equal(0.1 * 0.125, rate, 15);
        // With cooldown 1 the count starts again at once (Keras's order), so the second reduction comes an epoch earlier.
        var noCooldown = new PlateauReducer(new PlateauSettings(Factor: 0.5, Patience: 2, Cooldown: 1));
        Assert.Equal([3, 5, 9], Enumerable.Range(0, losses.Length).Where(i => noCooldown.AfterEpoch(Epoch(i + 1, losses[i]), 0.1)).Select(i => i + 1));
    }

    [Fact]
    public void A_reduced_rate_never_goes_below_min_lr_and_stops_reducing_there()
    {
        var reducer = new PlateauReducer(new PlateauSettings(Factor: 0.1, Patience: 1, MinLr: 0.004));
        var rates = new List<double>();
        double rate = 0.1;
        for (int i = 0; i < 5; i++)
        {
            reducer.AfterEpoch(Epoch(i + 1, 1.0), rate);
            rate = reducer.Scale(0.1);
            rates.Add(rate);
        }

        // Epoch 1 sets the best; 2 reduces to 0.01; 3 to max(0.001, 0.004); then the rate is at min_lr and stays.
        Assert.Equal(0.1, rates[0]);
        Assert.Equal(0.01, rates[1], 15);
        Assert.Equal([0.004, 0.004, 0.004], rates.Skip(2));
    }

    [Fact]
    public void The_trainer_stops_early_and_reduces_the_rate_as_the_rules_replayed_on_its_validation_numbers()
    {
        var validation = new ValidationSettings(0.1, EarlyStopping: new EarlyStoppingSettings(Patience: 4),
            Plateau: new PlateauSettings(Factor: 0.5, Patience: 1, MinDelta: 0));
        var result = Trainer.Train(Clusters(), Settings(validation, lr: 0.8, epochs: 200));

        Assert.Equal(RunStatus.Ok, result.Status);
        Assert.True(result.Epochs.Count < 200, "early stopping ended the run");
        Assert.Equal(result.Epochs.Count, result.StoppedEpoch);
        Assert.True(result.Finished);
        var replay = new PlateauReducer(validation.Plateau);
        foreach (var e in result.Epochs)
        {
            Assert.Equal(replay.Scale(0.8), e.LearningRate);
            replay.AfterEpoch(e, e.LearningRate);
        }
        Assert.True(result.Epochs[^1].LearningRate < 0.8, "the rate was reduced");
    }

    [Fact]
    public void Shuffled_test_labels_change_no_choice()
    {
        // The proof that the test split chooses nothing: the same run with the test labels permuted makes every choice
        // the same (best epoch, early stop, each epoch's rate, the validation and training numbers); only test numbers move.
        var data = Clusters();
        var labels = data.Test.Labels!.ToArray();
        new ActRun.Core.Engine.Rng(99).Shuffle(labels.AsSpan());
        var shuffled = data with { Test = data.Test with { Labels = labels } };
        var validation = new ValidationSettings(0.15, "val_accuracy", new EarlyStoppingSettings(Patience: 5),
            new PlateauSettings(Factor: 0.3, Patience: 2, MinDelta: 0));
        var settings = Settings(validation, lr: 0.8, epochs: 120);

        var a = Trainer.Train(data, settings);
        var b = Trainer.Train(shuffled, settings);

        Assert.Equal(a.BestEpoch, b.BestEpoch);
        Assert.Equal(a.StoppedEpoch, b.StoppedEpoch);
        Assert.Equal(a.Epochs.Count, b.Epochs.Count);
        Assert.Equal(a.Epochs.Select(e => e.LearningRate), b.Epochs.Select(e => e.LearningRate));
        Assert.Equal(a.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy)), b.Epochs.Select(e => (e.TrainLoss, e.ValLoss, e.ValAccuracy)));
        // Choices happened, and the test numbers did see the shuffle.
        Assert.NotNull(a.StoppedEpoch);
        Assert.Contains(a.Epochs, e => e.LearningRate < 0.8);
        Assert.NotEqual(a.Epochs.Select(e => e.TestAccuracy), b.Epochs.Select(e => e.TestAccuracy));
    }

    [Fact]
    public void The_fused_sgd_step_follows_a_rate_that_changes_between_epochs()
    {
        // Plain SGD applies its step inside the backward pass unless diagnostics need the gradients: both paths must
        // follow the reduced rate from the epoch it changes, to the bit.
        var validation = new ValidationSettings(0.1, Plateau: new PlateauSettings(Factor: 0.5, Patience: 1, MinDelta: 0));
        var settings = Settings(validation, lr: 0.8, epochs: 25);

        var fused = Trainer.Train(Clusters(), settings);
        var stored = Trainer.Train(Clusters(), settings, extras: TrainingExtras.Diagnostics);

        Assert.Contains(fused.Epochs, e => e.LearningRate < 0.8);
        Assert.Equal(fused.Epochs.Select(e => e with { EpochSeconds = 0 }), stored.Epochs.Select(e => e with { EpochSeconds = 0 }));
    }
}
