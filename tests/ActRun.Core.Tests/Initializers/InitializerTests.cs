using ActRun.Core.Engine;
using ActRun.Core.Initializers;

namespace ActRun.Core.Tests.Initializers;

public class InitializerTests
{
    private static float[] Draw(string name, int fanIn, int fanOut)
    {
        var w = new float[fanIn * fanOut];
        InitializerRegistry.Get(name).Fill(w, fanIn, fanOut, new Rng(1));
        return w;
    }

    private static double Variance(float[] w)
    {
        double mean = w.Average(x => (double)x);
        return w.Average(x => (x - mean) * (x - mean));
    }

    [Theory]
    [InlineData("glorot_uniform", 784, 128, 2.0 / (784 + 128))]
    [InlineData("glorot_normal", 784, 128, 2.0 / (784 + 128))]
    [InlineData("he_uniform", 300, 200, 2.0 / 300)]
    [InlineData("he_normal", 300, 200, 2.0 / 300)]
    [InlineData("lecun_uniform", 300, 200, 1.0 / 300)]
    [InlineData("lecun_normal", 300, 200, 1.0 / 300)]
    [InlineData("standard_uniform", 300, 200, 1.0 / (3 * 300))]
    public void Variance_is_the_documented_one(string name, int fanIn, int fanOut, double variance)
    {
        Assert.InRange(Variance(Draw(name, fanIn, fanOut)), variance * 0.97, variance * 1.03);
    }

    [Fact]
    public void Glorot_uniform_stays_within_its_limit()
    {
        double limit = Math.Sqrt(6.0 / (20 + 30));
        Assert.All(Draw("glorot_uniform", 20, 30), w => Assert.InRange(w, -limit, limit));
    }

    [Fact]
    public void Standard_uniform_stays_within_one_over_the_root_of_fan_in_and_reaches_near_it()
    {
        double limit = 1 / Math.Sqrt(1000);
        var w = Draw("standard_uniform", 1000, 50);
        Assert.All(w, x => Assert.InRange(x, -limit, limit));
        Assert.True(w.Max() > 0.99 * limit && w.Min() < -0.99 * limit);
    }

    [Fact]
    public void Normal_variants_are_truncated_at_two_deviations()
    {
        double bound = 2 * Math.Sqrt(2.0 / 300) / 0.87962566103423978;
        Assert.All(Draw("he_normal", 300, 200), w => Assert.InRange(w, -bound, bound));
    }

    [Theory]
    [InlineData("selu", "lecun_normal")]
    [InlineData("relu", "glorot_uniform")]
    [InlineData("tanh", "glorot_uniform")]
    public void Auto_picks_lecun_normal_for_selu_only(string activation, string expected)
    {
        Assert.Equal(expected, InitializerRegistry.Resolve("auto", activation).Name);
    }

    [Fact]
    public void Unknown_initializer_is_a_config_error_with_a_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => InitializerRegistry.Get("he_normla"));
        Assert.Contains("Did you mean 'he_normal'?", e.Message);
    }
}
