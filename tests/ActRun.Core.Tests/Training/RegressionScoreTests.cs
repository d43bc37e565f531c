using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class RegressionScoreTests
{
    [Fact]
    public void Rmse_mae_and_r2_of_a_fixed_prediction_match_the_hand_computed_values()
    {
        // Errors 0, -1, 1, -1: Σe² = 3, Σ|e| = 3; ȳ = 2.75, Σ(y−ȳ)² = 3.0625 + 0.0625 + 0.5625 + 5.0625 = 8.75.
        var score = RegressionScore.Of([1f, 2f, 3f, 4f], [1f, 3f, 2f, 5f], outputs: 1);

        Assert.Equal(Math.Sqrt(0.75), score.Rmse, 12);
        Assert.Equal(0.75, score.Mae, 12);
        Assert.Equal(1 - 3 / 8.75, score.R2, 12);
    }

    [Fact]
    public void R2_of_several_outputs_is_the_mean_of_each_outputs_r2()
    {
        // Output 1 is predicted exactly (R² 1); output 2 always predicts its mean 2 for targets 1, 3 (R² 0).
        var score = RegressionScore.Of([5f, 2f, 7f, 2f], [5f, 1f, 7f, 3f], outputs: 2);

        Assert.Equal(0.5, score.R2, 12);
        Assert.Equal(Math.Sqrt(2.0 / 4), score.Rmse, 12);
        Assert.Equal(2.0 / 4, score.Mae, 12);
    }

    [Fact]
    public void Batches_add_up_to_the_score_of_the_whole_split_and_constant_targets_have_no_r2()
    {
        float[] predictions = [0.5f, -1f, 2f, 0f, 3f], targets = [1f, -2f, 2.5f, 0.5f, 1f];
        var sums = new RegressionScore.Accumulator(1);
        sums.Add(predictions.AsSpan(0, 2), targets.AsSpan(0, 2), 2);
        sums.Add(predictions.AsSpan(2), targets.AsSpan(2), 3);

        var whole = RegressionScore.Of(predictions, targets, 1);
        Assert.Equal(whole.Rmse, sums.Score().Rmse, 12);
        Assert.Equal(whole.R2, sums.Score().R2, 12);
        Assert.True(double.IsNaN(RegressionScore.Of([1f, 2f], [3f, 3f], 1).R2));
    }

    [Fact]
    public void A_regression_runs_test_rmse_squared_is_its_test_loss_and_a_classification_has_no_scores()
    {
        // The test loss of a one-output regression is the mean squared error: RMSE² must equal it.
        var data = TinyData.Regression(64, 3, 5);
        var settings = new RunSettings(new ModelSettings([8], "tanh", "auto", "auto"), new TrainSettings(3, 16, new OptimizerSettings("adam", 0.01)), 1);
        var result = Trainer.Train(data, settings);

        Assert.All(result.Epochs, e =>
        {
            Assert.True(e.IsRegression);
            Assert.Equal(e.TestLoss, e.TestRmse * e.TestRmse, 1e-6 * e.TestLoss);
            Assert.True(e.TestMae > 0 && e.TestMae <= e.TestRmse + 1e-12, $"MAE {e.TestMae} vs RMSE {e.TestRmse}");
            Assert.InRange(e.TestR2, -10, 1);
        });
        Assert.True(double.IsNaN(result.Epochs[^1].TestAccuracy));
    }
}
