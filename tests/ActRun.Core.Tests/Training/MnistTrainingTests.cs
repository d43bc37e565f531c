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
        // A third of MNIST for four epochs: seconds, yet the nonlinearity's lead already shows.
        var data = DatasetCatalog.Load("mnist", new DatasetLoadOptions(TrainSubset: 20000, TestSubset: 2000, DataDirectory: TestData.Directory));
        RunResult Train(string activation) => Trainer.Train(data,
            new RunSettings(new ModelSettings([64], activation, "auto", "auto"), new TrainSettings(4, 64, new OptimizerSettings("sgd", 0.1)), 42));

        var relu = Train("relu");
        var linear = Train("linear");

        Assert.Equal(RunStatus.Ok, relu.Status);
        // Measured: relu 0.9145, linear 0.8815 on this subset and seed. The bars leave room for kernel changes
        // (summation order), not for a broken engine.
        Assert.True(relu.Final!.TestAccuracy > 0.90, $"relu {relu.Final.TestAccuracy}");
        Assert.True(linear.Final!.TestAccuracy > 0.86, $"linear {linear.Final.TestAccuracy}");
        Assert.True(relu.Final.TestAccuracy > linear.Final.TestAccuracy + 0.02, $"relu {relu.Final.TestAccuracy} vs linear {linear.Final.TestAccuracy}");
        Assert.True(relu.Epochs[^1].TrainLoss < relu.Epochs[0].TrainLoss);
    }
}
