using ActRun.Core.Data;
using ActRun.Core.Data.Toy;

namespace ActRun.Core.Tests.Data.Toy;

/// <summary>The contract every toy generator in the catalog meets; a new generator is covered once it is listed.</summary>
public sealed class ToyGeneratorTests
{
    public static TheoryData<string> Generators() => new(DatasetCatalog.ToyGenerators.Select(g => g.Name));

    private static ToyGenerator Get(string name) => DatasetCatalog.FindToy(name)!;

    private static float[] Points(DataSplit split) => ((FloatFeatures)split.Features).Data.ToArray();

    [Theory]
    [MemberData(nameof(Generators))]
    public void Same_seed_gives_identical_points_and_labels(string name)
    {
        Dataset a = Get(name).Generate(seed: 42);
        Dataset b = Get(name).Generate(seed: 42);

        Assert.Equal(Points(a.Train), Points(b.Train));
        Assert.Equal(Points(a.Test), Points(b.Test));
        Assert.Equal(a.Train.Labels!, b.Train.Labels!);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Different_seed_gives_different_points(string name)
    {
        Assert.NotEqual(Points(Get(name).Generate(seed: 1).Train), Points(Get(name).Generate(seed: 2).Train));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Train_and_test_are_different_points(string name)
    {
        Dataset data = Get(name).Generate(seed: 7);

        Assert.NotEqual(Points(data.Train)[..100], Points(data.Test)[..100]);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Default_sizes_are_1000_train_and_500_test_with_two_features_and_two_classes(string name)
    {
        Dataset data = Get(name).Generate(seed: 0);

        Assert.Equal((1000, 500), (data.Train.Count, data.Test.Count));
        Assert.Equal(["x1", "x2"], data.FeatureNames);
        Assert.Equal((TaskKind.Classification, 2, 1), (data.Task, data.ClassCount, data.OutputCount));
        Assert.Equal(name, data.Name);
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Classes_are_balanced_in_both_splits(string name)
    {
        Dataset data = Get(name).Generate(seed: 3);

        Assert.Equal(500, data.Train.Labels!.Count(l => l == 1));
        Assert.Equal(250, data.Test.Labels!.Count(l => l == 1));
        Assert.All(data.Train.Labels!, l => Assert.InRange(l, 0, 1));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void A_smaller_training_set_is_a_prefix_and_leaves_the_test_set_unchanged(string name)
    {
        ToyGenerator g = Get(name);
        Dataset full = g.Generate(seed: 5);
        Dataset small = g.Generate(seed: 5, g.Defaults with { TrainSize = 10 });

        Assert.Equal(Points(full.Train)[..20], Points(small.Train));
        Assert.Equal(Points(full.Test), Points(small.Test));
    }

    [Theory]
    [MemberData(nameof(Generators))]
    public void Points_stay_within_a_few_units_of_the_origin(string name)
    {
        // All shapes are drawn at unit scale, so networks see comparable input ranges across toy datasets.
        Assert.All(Points(Get(name).Generate(seed: 9).Train), v => Assert.InRange(v, -2.5f, 2.5f));
    }

    [Fact]
    public void Circles_rings_have_mean_radius_1_and_half()
    {
        Dataset data = Get("circles").Generate(seed: 11);

        var (outer, inner) = MeanRadii(data.Train);

        Assert.InRange(outer, 0.97, 1.03);
        Assert.InRange(inner, 0.47, 0.53);
    }

    [Fact]
    public void Noise_sets_the_spread_of_the_circles_radii()
    {
        Dataset data = Get("circles").Generate(seed: 11, new ToyOptions(Noise: 0));

        var xy = Points(data.Train);
        for (int i = 0; i < data.Train.Count; i++)
        {
            double r = Math.Sqrt(xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1]);
            Assert.Equal(data.Train.Labels![i] == 0 ? 1.0 : 0.5, r, 1e-6);
        }
    }

    [Fact]
    public void Blobs_are_separated_by_the_line_x1_plus_x2_equals_0()
    {
        Dataset data = Get("blobs").Generate(seed: 13);

        var xy = Points(data.Train);
        for (int i = 0; i < data.Train.Count; i++)
            Assert.Equal(data.Train.Labels![i] == 1, xy[2 * i] + xy[2 * i + 1] > 0);
    }

    [Fact]
    public void Xor_class_1_is_where_x1_and_x2_have_the_same_sign()
    {
        Dataset data = Get("xor").Generate(seed: 17, new ToyOptions(Noise: 0));

        var xy = Points(data.Train);
        for (int i = 0; i < data.Train.Count; i++)
            Assert.Equal(data.Train.Labels![i] == 1, xy[2 * i] * xy[2 * i + 1] > 0);
    }

    [Fact]
    public void Moons_without_noise_lie_on_scikit_learns_half_circles()
    {
        Dataset data = Get("moons").Generate(seed: 19, new ToyOptions(Noise: 0));

        var xy = Points(data.Train);
        for (int i = 0; i < data.Train.Count; i++)
        {
            // Class 0: unit upper half circle around (0, 0); class 1: unit lower half circle around (1, 0.5).
            var (cx, cy, side) = data.Train.Labels![i] == 0 ? (0.0, 0.0, 1) : (1.0, 0.5, -1);
            double dx = xy[2 * i] - cx, dy = xy[2 * i + 1] - cy;
            Assert.Equal(1.0, Math.Sqrt(dx * dx + dy * dy), 1e-6);
            Assert.True(side * dy >= -1e-6);
        }
    }

    [Fact]
    public void Spiral_classes_are_the_same_spiral_turned_half_a_turn()
    {
        Dataset data = Get("spiral").Generate(seed: 23, new ToyOptions(Noise: 0));

        var xy = Points(data.Train);
        for (int i = 0; i < data.Train.Count; i++)
        {
            double x = xy[2 * i], y = xy[2 * i + 1];
            double r = Math.Sqrt(x * x + y * y);
            // On the class-1 arm, θ = atan2(x, y) ≡ 1.75·2π·r (mod 2π); class 0 is that arm turned by π.
            double expected = 1.75 * 2 * Math.PI * r + (data.Train.Labels![i] == 1 ? 0 : Math.PI);
            double diff = Math.IEEERemainder(Math.Atan2(x, y) - expected, 2 * Math.PI);
            if (r > 1e-3) Assert.Equal(0, diff, 1e-3);
        }
    }

    [Fact]
    public void Label_lists_only_settings_that_differ_from_the_defaults()
    {
        ToyGenerator spiral = Get("spiral");

        Assert.Equal("spiral", spiral.Label(spiral.Defaults));
        Assert.Equal("spiral(noise=0.2)", spiral.Label(spiral.Defaults with { Noise = 0.2 }));
        Assert.Equal("spiral(noise=0.2, train_size=2000, test_size=10)", spiral.Label(new ToyOptions(0.2, 2000, 10)));
        Assert.Equal("spiral(noise=0.2)", spiral.Generate(1, spiral.Defaults with { Noise = 0.2 }).Name);
    }

    [Theory]
    [InlineData(-0.1, 10, 10, "noise")]
    [InlineData(double.NaN, 10, 10, "noise")]
    [InlineData(0.1, 0, 10, "train_size")]
    [InlineData(0.1, 10, -1, "test_size")]
    public void Invalid_options_are_a_config_error_naming_the_setting(double noise, int train, int test, string setting)
    {
        var e = Assert.Throws<ConfigException>(() => Get("moons").Generate(1, new ToyOptions(noise, train, test)));

        Assert.StartsWith($"moons: {setting} must be", e.Message);
    }

    private static (double Class0, double Class1) MeanRadii(DataSplit split)
    {
        var xy = Points(split);
        double[] sum = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < split.Count; i++)
        {
            int label = split.Labels![i];
            sum[label] += Math.Sqrt(xy[2 * i] * xy[2 * i] + xy[2 * i + 1] * xy[2 * i + 1]);
            count[label]++;
        }
        return (sum[0] / count[0], sum[1] / count[1]);
    }
}
