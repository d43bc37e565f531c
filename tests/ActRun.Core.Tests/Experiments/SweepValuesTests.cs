using ActRun.Core.Experiments;

namespace ActRun.Core.Tests.Experiments;

public class SweepValuesTests
{
    private static readonly ConfigOrigin Here = new("test");

    [Fact]
    public void Logspace_spaces_evenly_in_log10_and_keeps_the_ends_as_written()
    {
        var values = SweepValues.Generate("logspace(1e-3,1e-1,5)", Here)!.Select(double.Parse).ToArray();
        Assert.Equal(5, values.Length);
        Assert.Equal(0.001, values[0]);
        Assert.Equal(0.1, values[^1]);
        Assert.Equal(0.01, values[2], 15);
        Assert.Equal(Math.Pow(10, -2.5), values[1], 15);
    }

    [Fact]
    public void Linspace_includes_both_ends()
    {
        Assert.Equal(["0", "0.25", "0.5", "0.75", "1"], SweepValues.Generate("linspace(0, 1, 5)", Here));
        Assert.Equal(["3"], SweepValues.Generate("linspace(3, 9, 1)", Here));
    }

    [Fact]
    public void Other_calls_are_plain_values_not_generators()
    {
        Assert.Null(SweepValues.Generate("leaky_relu(0.2)", Here));
        Assert.Null(SweepValues.Generate("0.1", Here));
    }

    [Theory]
    [InlineData("logspace(1e-3,1e-1)", "logspace takes three arguments")]
    [InlineData("logspace(0,1e-1,3)", "logspace needs positive ends")]
    [InlineData("linspace(0,1,0)", "needs finite numbers and a positive whole count")]
    public void Bad_generators_say_how_to_call_them(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigException>(() => SweepValues.Generate(text, Here)).Message);

    [Fact]
    public void Lists_split_only_at_top_level_commas()
    {
        Assert.Equal(["[16]", "[64]", "[64,64]"], SweepValues.SplitList("[16],[64],[64,64]"));
        Assert.Equal(["relu", "elu(alpha=0.5, x=1)"], SweepValues.SplitList("relu, elu(alpha=0.5, x=1)"));
    }
}
