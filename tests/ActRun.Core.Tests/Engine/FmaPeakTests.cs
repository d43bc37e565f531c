using ActRun.Core.Engine;

namespace ActRun.Core.Tests.Engine;

/// <summary>
/// The peak loop is only a fair measure if it does the FMAs it counts: every chain of every lane must hold the
/// closed-form value after N steps. Widths the processor lacks still compute the right values (.NET emulates them),
/// so all are checked here; only the measurement skips them.
/// </summary>
public class FmaPeakTests
{
    public static TheoryData<GemmPath> Widths => new(Enum.GetValues<GemmPath>());

    /// <summary>Distinct starting values 0, 1, 2, … so that a chain that is skipped, repeated or swapped with another shows.</summary>
    private static float[] Start(GemmPath width) => Enumerable.Range(0, FmaPeak.Chains * FmaPeak.Lanes(width)).Select(i => (float)i).ToArray();

    [Theory]
    [MemberData(nameof(Widths))]
    public void Adding_one_n_times_gives_start_plus_n_in_every_chain_and_lane(GemmPath width)
    {
        var values = Start(width);
        FmaPeak.Run(width, 1, 1, 5000, values);
        // x0 + 5000 with x0 < 200 is below 2^24: every step is exact.
        Assert.Equal(Start(width).Select(x => x + 5000), values);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Halving_and_adding_one_converges_to_two_as_the_closed_form_says(GemmPath width)
    {
        // x(n+1) = x(n)/2 + 1 gives x(n) = 2 + (x0 − 2)/2^n; with |x0 − 2| < 2^8 and n = 12 every value and step is
        // exact in float (at most 8 + 12 + 2 significant bits), so the comparison is exact.
        const int n = 12;
        var values = Start(width);
        FmaPeak.Run(width, 0.5f, 1, n, values);
        Assert.Equal(Start(width).Select(x => 2 + (x - 2) / 4096f), values);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Each_step_is_rounded_once_as_MathF_FusedMultiplyAdd(GemmPath width)
    {
        // a·x + b with a product that float cannot hold: a separate multiply and add would round twice.
        const float a = 1 + 1f / 4096, b = -1f / 3;
        var values = Start(width).Select(x => 1 + x / 7).ToArray();
        var expected = values.Select(x =>
        {
            for (int i = 0; i < 100; i++) x = MathF.FusedMultiplyAdd(x, a, b);
            return x;
        }).ToArray();
        FmaPeak.Run(width, a, b, 100, values);
        Assert.Equal(expected, values);
    }

    [Fact]
    public void Run_rejects_a_buffer_of_the_wrong_size()
    {
        var e = Assert.Throws<ArgumentException>(() => FmaPeak.Run(GemmPath.Vector256, 1, 1, 1, new float[FmaPeak.Chains]));
        Assert.Contains("12 chains × 8 lanes", e.Message);
    }

    [Fact]
    public void Measure_on_two_threads_reports_a_positive_rate_for_every_supported_width()
    {
        foreach (var width in FmaPeak.SupportedWidths)
        {
            double gflops = FmaPeak.Measure(width, threads: 2, seconds: 0.001, rounds: 1);
            Assert.True(double.IsFinite(gflops) && gflops > 0, $"{width}: {gflops}");
        }
    }
}
