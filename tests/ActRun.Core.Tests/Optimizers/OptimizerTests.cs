using ActRun.Core.Engine;
using ActRun.Core.Layers;
using ActRun.Core.Optimizers;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Optimizers;

public class OptimizerTests
{
    private static Parameter Param(float value, float gradient)
    {
        var p = new Parameter("w", 1);
        p.Value[0] = value;
        p.Gradient[0] = gradient;
        return p;
    }

    [Fact]
    public void Sgd_steps_against_the_gradient_and_zeroes_it()
    {
        var p = Param(1f, 0.5f);
        new Sgd([p], 0.1).Step();
        Assert.Equal(0.95f, p.Value[0], 6);
        Assert.Equal(0f, p.Gradient[0]);
    }

    [Fact]
    public void Sgd_momentum_follows_the_keras_update()
    {
        // v1 = -0.1*1 = -0.1, w = 0.9; v2 = 0.9*(-0.1) - 0.1*1 = -0.19, w = 0.71.
        var p = Param(1f, 1f);
        var sgd = new Sgd([p], 0.1, 0.9);
        sgd.Step();
        Assert.Equal(0.9f, p.Value[0], 6);
        p.Gradient[0] = 1f;
        sgd.Step();
        Assert.Equal(0.71f, p.Value[0], 6);
    }

    [Fact]
    public void Adam_first_step_moves_by_the_learning_rate()
    {
        // m̂/√v̂ = sign(g) on step 1, so the step is lr (less the ε term).
        var p = Param(1f, 0.5f);
        new Adam([p], 0.1).Step();
        Assert.Equal(0.9000002f, p.Value[0], 6);
    }

    [Fact]
    public void Adam_second_step_matches_hand_computation()
    {
        var p = Param(1f, 0.5f);
        var adam = new Adam([p], 0.01);
        adam.Step();
        p.Gradient[0] = -1f;
        adam.Step();
        double m = 0.9 * 0.05 + 0.1 * -1, v = 0.999 * 0.00025 + 0.001 * 1;
        double w1 = 1 - 0.01 * Math.Sqrt(1 - 0.999) / (1 - 0.9) * 0.05 / (Math.Sqrt(0.00025) + 1e-7);
        double w2 = w1 - 0.01 * Math.Sqrt(1 - 0.999 * 0.999) / (1 - 0.81) * m / (Math.Sqrt(v) + 1e-7);
        Assert.Equal(w2, p.Value[0], 5);
    }

    [Fact]
    public void Settings_print_themselves()
    {
        Assert.Equal("sgd(lr=0.1)", new OptimizerSettings("sgd", 0.1).ToString());
        Assert.Equal("sgd(lr=0.1, momentum=0.9)", new OptimizerSettings("sgd", 0.1, 0.9).ToString());
    }

    [Fact]
    public void Unknown_optimizer_suggests_the_closest()
    {
        var e = Assert.Throws<ConfigException>(() => Optimizer.Create(new OptimizerSettings("adma", 0.1), []));
        Assert.Contains("Did you mean 'adam'?", e.Message);
    }

    /// <summary>Three steps of a 100,003-element parameter (large enough to be split) with fresh random gradients.</summary>
    private static float[] ThreeSteps(string optimizer, double momentum, KernelTeam? team)
    {
        var p = new Parameter("w", 100_003);
        GradientCheck.RandomArray(p.Value.Length, 1).CopyTo(p.Value, 0);
        var step = Optimizer.Create(new OptimizerSettings(optimizer, 0.01, momentum), [p], team);
        for (int s = 0; s < 3; s++)
        {
            GradientCheck.RandomArray(p.Value.Length, 10 + s).CopyTo(p.Gradient, 0);
            step.Step();
        }
        return p.Value;
    }

    [Theory]
    [InlineData("sgd", 0.0)]
    [InlineData("sgd", 0.9)]
    [InlineData("adam", 0.0)]
    public void Updates_shared_by_kernel_threads_equal_one_thread_bit_for_bit(string optimizer, double momentum)
    {
        using var team = new KernelTeam(3);
        var alone = ThreeSteps(optimizer, momentum, null);
        var shared = ThreeSteps(optimizer, momentum, team);
        Assert.Equal(alone.Select(BitConverter.SingleToInt32Bits), shared.Select(BitConverter.SingleToInt32Bits));
    }
}
