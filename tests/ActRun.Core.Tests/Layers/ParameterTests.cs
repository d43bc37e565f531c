using ActRun.Core.Layers;

namespace ActRun.Core.Tests.Layers;

public class ParameterTests
{
    [Fact]
    public void A_zeroed_gradient_reads_as_zeros()
    {
        var p = new Parameter("w", 3);
        p.Gradient[1] = 5;
        p.ZeroGradient();
        Assert.Equal([0f, 0f, 0f], p.Gradient);
        p.Gradient[2] = 7;
        Assert.Equal([0f, 0f, 7f], p.Gradient);
    }

    [Fact]
    public void Only_the_first_writer_after_zeroing_is_told_to_overwrite()
    {
        var p = new Parameter("w", 2);
        p.GradientForWrite(out bool fresh);
        Assert.False(fresh);
        p.Gradient[0] = 4;
        p.ZeroGradient();
        var buffer = p.GradientForWrite(out bool first);
        Assert.True(first);
        Assert.Equal(4f, buffer[0]); // leftovers: the writer must overwrite them
        buffer[0] = 1;
        p.GradientForWrite(out bool second);
        Assert.False(second);
        Assert.Equal([1f, 0f], p.Gradient);
    }
}
