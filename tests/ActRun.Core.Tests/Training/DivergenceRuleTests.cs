using ActRun.Core.Data.Toy;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

/// <summary>A loss that grows past divergence_factor × the initial loss diverges like a NaN; just under the bound it trains on.</summary>
public class DivergenceRuleTests
{
    [Theory]
    [InlineData(229.99, 2.3, 100, false)]
    [InlineData(230.01, 2.3, 100, true)]
    [InlineData(1e12, 2.3, 0, false)]      // factor 0: off
    [InlineData(1e12, 0, 100, false)]      // nothing to multiply
    [InlineData(double.NaN, 2.3, 100, false)] // NaN is the trainer's own check, not the bound's
    public void The_bound_is_factor_times_the_initial_loss(double epochLoss, double initialLoss, double factor, bool exceeded) =>
        Assert.Equal(exceeded, DivergenceRule.Exceeded(epochLoss, initialLoss, factor));

    // Full-batch SGD on a small regression at a learning rate that makes the loss grow without overflowing: the first
    // epoch's training loss is the loss of its one batch before the update, so it is exactly the initial loss.
    private static RunSettings Growing(double factor) =>
        new(new ModelSettings([16], "tanh", "auto", "auto"), new TrainSettings(6, 64, new OptimizerSettings("sgd", 3), factor), 1);

    [Fact]
    public void A_training_loss_just_over_the_bound_diverges_at_that_epoch_and_just_under_trains_on()
    {
        var data = TinyData.Regression(64, 3, 5);
        var free = Trainer.Train(data, Growing(0));
        Assert.Equal(RunStatus.Ok, free.Status);
        double initial = free.Epochs[0].TrainLoss;
        // The first epoch after which the loss has grown well past its start: the one the bound is set around.
        int e = free.Epochs.ToList().FindIndex(m => m.TrainLoss > 3 * initial);
        Assert.True(e >= 1, $"the loss should grow: {string.Join(", ", free.Epochs.Select(m => m.TrainLoss))}");
        double ratio = free.Epochs[e].TrainLoss / initial;
        Assert.True(free.Epochs.Take(e).All(m => m.TrainLoss / initial < ratio * (1 - 1e-6)), "no earlier epoch may reach the bound");

        var over = Trainer.Train(data, Growing(ratio * (1 - 1e-9)));
        var under = Trainer.Train(data, Growing(ratio * (1 + 1e-9)));

        Assert.Equal(RunStatus.Diverged, over.Status);
        Assert.Equal(e + 1, over.Epochs.Count);
        Assert.Equal(free.Epochs[e].TrainLoss, over.Epochs[^1].TrainLoss);
        Assert.True(under.Epochs.Count > e + 1, "just under the bound the run goes on past that epoch");
    }

    [Fact]
    public void A_runaway_loss_diverges_with_the_default_factor_and_trains_on_with_the_bound_off()
    {
        // circles, as `compare --lr 1e12 --optimizer sgd` trains it (there the test losses were 1e11 to 1e12, all "ok").
        var data = new Circles().Generate(42);
        RunSettings Settings(double factor) =>
            new(new ModelSettings([16], "relu", "auto", "auto"), new TrainSettings(3, 32, new OptimizerSettings("sgd", 1e12), factor), 42);

        var bounded = Trainer.Train(data, Settings(DivergenceRule.DefaultFactor));
        var off = Trainer.Train(data, Settings(0));

        Assert.Equal(RunStatus.Diverged, bounded.Status);
        Assert.Single(bounded.Epochs);
        Assert.True(double.IsFinite(bounded.Epochs[0].TrainLoss), "a finite runaway, not a NaN");
        Assert.Equal(RunStatus.Ok, off.Status);
        Assert.Equal(3, off.Epochs.Count);
    }
}
