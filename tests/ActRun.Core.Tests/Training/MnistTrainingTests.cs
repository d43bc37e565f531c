using ActRun.Core.Data;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Training;

public class MnistTrainingTests
{
    [MnistDataFact("mnist")]
    public void On_an_mnist_subset_relu_learns_and_beats_the_linear_network()
    {
        // A tenth of MNIST for three epochs: seconds, yet the nonlinearity's lead already shows.
        var data = DatasetCatalog.Load("mnist", new DatasetLoadOptions(TrainSubset: 6000, TestSubset: 2000));
        RunResult Train(string activation) => Trainer.Train(data,
            new RunSettings(new ModelSettings([64], activation, "auto", "auto"), new TrainSettings(3, 64, new OptimizerSettings("sgd", 0.1)), 42));

        var relu = Train("relu");
        var linear = Train("linear");

        Assert.Equal(RunStatus.Ok, relu.Status);
        // Measured: relu 0.8745 on this subset and seed; the bar leaves room for kernel changes, not for a broken engine.
        Assert.True(relu.Final!.TestAccuracy > 0.85, $"relu {relu.Final.TestAccuracy}");
        Assert.True(linear.Final!.TestAccuracy > 0.80, $"linear {linear.Final.TestAccuracy}");
        Assert.True(relu.Final.TestAccuracy > linear.Final.TestAccuracy, $"relu {relu.Final.TestAccuracy} vs linear {linear.Final.TestAccuracy}");
        Assert.True(relu.Epochs[^1].TrainLoss < relu.Epochs[0].TrainLoss);
    }
}
