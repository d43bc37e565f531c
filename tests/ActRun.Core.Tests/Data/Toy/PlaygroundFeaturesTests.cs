using ActRun.Core.Data;
using ActRun.Core.Data.Toy;

namespace ActRun.Core.Tests.Data.Toy;

public sealed class PlaygroundFeaturesTests
{
    [Fact]
    public void Each_feature_is_computed_from_the_point_in_the_order_asked()
    {
        var data = DatasetCatalog.Load(DatasetSpec.Parse("xor(train_size=10, test_size=5)"), new DatasetLoadOptions(Seed: 3));
        IReadOnlyList<string> all = ["sin(x2)", "x1*x2", "x1^2", "x2^2", "sin(x1)", "x1", "x2"];

        var lifted = PlaygroundFeatures.Apply(data, all);

        Assert.Equal(all, lifted.FeatureNames);
        for (int i = 0; i < data.Train.Count; i++)
        {
            float x1 = data.Train.Features[i, 0], x2 = data.Train.Features[i, 1];
            Assert.Equal([MathF.Sin(x2), x1 * x2, x1 * x1, x2 * x2, MathF.Sin(x1), x1, x2],
                Enumerable.Range(0, 7).Select(j => lifted.Train.Features[i, j]));
        }
        Assert.Equal(data.Train.Labels, lifted.Train.Labels);
        Assert.Equal(data.Test.Count, lifted.Test.Count);
    }

    [Fact]
    public void Default_features_leave_the_dataset_as_it_is()
    {
        var data = DatasetCatalog.Load("circles", new DatasetLoadOptions());

        Assert.Same(data, PlaygroundFeatures.Apply(data, ["x1", "x2"]));
    }

    [Theory]
    [InlineData("x3", "--features: unknown feature 'x3'. Did you mean 'x1'? Known: x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).")]
    [InlineData("x1,x1", "--features: 'x1' is listed twice.")]
    [InlineData(" , ", "--features: no feature given. Choose from x1, x2, x1^2, x2^2, x1*x2, sin(x1), sin(x2).")]
    public void Bad_feature_list_is_a_config_error(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => PlaygroundFeatures.Parse(text));

        Assert.Equal(message, e.Message);
    }
}
