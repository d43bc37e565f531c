using ActRun.Core.Optimizers;

namespace ActRun.Core.Tests.Optimizers;

/// <summary>
/// Each schedule against PyTorch's schedulers (StepLR, ExponentialLR, CosineAnnealingLR, LinearLR then CosineAnnealingLR
/// in a SequentialLR, OneCycleLR without momentum cycling), stepped once per epoch from a base rate of 1 over 10 epochs.
/// The rates were printed by libtorch 2.10 through TorchSharp 0.107 (bench/optimizer-reference/run.sh). PyTorch updates
/// most rates recursively (rate ← rate·γ), ActRun from the closed form, so they agree to rounding: 1e-12 relative.
/// </summary>
public class LearningRateScheduleTests
{
    public static TheoryData<string, double[]> PyTorch => new()
    {
        { "step(step_size=3, gamma=0.5)", [1, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25, 0.25, 0.125] },
        { "exponential(gamma=0.9)", [1, 0.9, 0.81, 0.7290000000000001, 0.6561000000000001, 0.5904900000000002, 0.5314410000000002, 0.47829690000000014, 0.43046721000000016, 0.38742048900000015] },
        { "cosine(min_lr=0.1)", [1, 0.9779754323328191, 0.9140576474687263, 0.8145033635316129, 0.6890576474687263, 0.55, 0.41094235253127376, 0.2854966364683872, 0.18594235253127372, 0.12202456766718092] },
        { "cosine(warmup=2)", [0.3333333333333333, 0.6666666666666666, 1, 0.9619397662556434, 0.8535533905932737, 0.6913417161825449, 0.5, 0.30865828381745514, 0.14644660940672627, 0.03806023374435664] },
        { "one_cycle", [0.040000000000000036, 0.52, 1, 0.9504846320134737, 0.8117456539497631, 0.6112620219362893, 0.38874197806371075, 0.18825834605023697, 0.049519367986526286, 4E-06] },
    };

    [Theory]
    [MemberData(nameof(PyTorch))]
    public void Rates_match_pytorch_per_epoch(string text, double[] expected)
    {
        var schedule = LearningRateSchedule.Parse(text);
        for (int epoch = 1; epoch <= expected.Length; epoch++)
        {
            double rate = schedule.Rate(1, epoch, expected.Length);
            Assert.True(Math.Abs(rate - expected[epoch - 1]) <= 1e-12 * Math.Abs(expected[epoch - 1]), $"{text} epoch {epoch}: {rate:R} vs PyTorch {expected[epoch - 1]:R}");
        }
    }

    [Fact]
    public void Rates_scale_with_the_base_rate_and_constant_keeps_it()
    {
        Assert.Equal(0.05, LearningRateSchedule.Parse("step(step_size=3, gamma=0.5)").Rate(0.1, 4, 10), 15);
        Assert.Equal(0.1, LearningRateSchedule.Constant.Rate(0.1, 7, 10));
        // min_lr is a rate, not a multiple: the cosine ends near it whatever the base rate.
        Assert.Equal(0.001 + (0.1 - 0.001) * (1 + Math.Cos(Math.PI * 0.9)) / 2, LearningRateSchedule.Parse("cosine(min_lr=0.001)").Rate(0.1, 10, 10), 15);
    }

    [Theory]
    [InlineData("constant", "constant")]
    [InlineData("Cosine(warmup=2)", "cosine(warmup=2)")]
    [InlineData("step(gamma=0.1, step_size=5)", "step(step_size=5)")]
    [InlineData("one_cycle(pct_start=0.25, div_factor=10)", "one_cycle(pct_start=0.25, div_factor=10)")]
    [InlineData("exponential()", "exponential")]
    public void Texts_are_canonical_and_parse_back(string text, string canonical)
    {
        var schedule = LearningRateSchedule.Parse(text);
        Assert.Equal(canonical, schedule.ToString());
        Assert.Equal(schedule, LearningRateSchedule.Parse(schedule.ToString()));
    }

    [Theory]
    [InlineData("cosinus", "Unknown schedule 'cosinus'. Did you mean 'cosine'?")]
    [InlineData("cosine(warmpu=2)", "Schedule cosine has no parameter 'warmpu'. Did you mean 'warmup'?")]
    [InlineData("step(step_size=2.5)", "step step_size: expected a positive whole number, got '2.5'.")]
    [InlineData("constant(gamma=1)", "Schedule constant takes no parameters")]
    [InlineData("one_cycle(pct_start=1)", "expected a number in (0, 1)")]
    public void Bad_texts_say_what_is_wrong(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigException>(() => LearningRateSchedule.Parse(text)).Message);
}
