using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Results;

public class CsvFilesTests
{
    [Fact]
    public void Metrics_round_trip_exactly_with_snake_case_header()
    {
        using var temp = new TempDirectory();
        string dir = temp.Path;
        string path = Path.Combine(dir, "metrics.csv");
        var rows = new[]
        {
            new MetricRecord { Activation = "relu(negative_slope=0.1, max_value=6)", Seed = 42, Epoch = 1, TrainLoss = 0.1 + 0.2, TrainAccuracy = 1.0 / 3, TestLoss = double.NaN, TestAccuracy = 0.9, EpochSeconds = 1e-5 },
        };
        CsvFiles.Write(path, rows);
        string text = File.ReadAllText(path);
        Assert.StartsWith("run_id,activation,seed,epoch,learning_rate,train_loss,train_accuracy,val_loss,val_accuracy,test_loss,test_accuracy,epoch_seconds,test_rmse,test_mae,test_r2\n", text);
        Assert.DoesNotContain("\r", text);
        Assert.Contains("\"relu(negative_slope=0.1, max_value=6)\"", text);
        var back = CsvFiles.Read<MetricRecord>(path).Single();
        Assert.Equal(0.1 + 0.2, back.TrainLoss);
        Assert.Equal(1.0 / 3, back.TrainAccuracy);
        Assert.True(double.IsNaN(back.TestLoss));
        Assert.Equal(1e-5, back.EpochSeconds);
        Assert.Equal(rows[0].Activation, back.Activation);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
    }

    [Fact]
    public void A_failed_write_leaves_the_previous_file_whole()
    {
        using var temp = new TempDirectory();
        string dir = temp.Path;
        string path = Path.Combine(dir, "summary.csv");
        AtomicFile.WriteText(path, "old\n");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write("partial"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir));
    }

    [Fact]
    public void Summary_std_is_empty_for_one_seed_and_sample_std_for_more()
    {
        Assert.Null(Summary.SampleStd([0.5]));
        Assert.Equal(Math.Sqrt(0.5), Summary.SampleStd([1, 2])!.Value, 12);
    }
}
