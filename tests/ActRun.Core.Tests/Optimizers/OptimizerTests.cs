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

    [Theory]
    [InlineData("sgd(lr=0.1)")]
    [InlineData("sgd(lr=0.1, momentum=0.9, nesterov=true)")]
    [InlineData("adam(lr=0.001, beta2=0.99, epsilon=1E-08, amsgrad=true, torch_epsilon=true)")]
    [InlineData("adamw(lr=0.001, weight_decay=0.01)")]
    [InlineData("nadam(lr=0.002, clip_norm=1)")]
    [InlineData("rmsprop(lr=0.001, momentum=0.5, rho=0.99, centered=true)")]
    [InlineData("adagrad(lr=0.01, initial_accumulator=0, clip_value=0.5)")]
    public void Settings_parse_back_from_their_text(string text)
    {
        var settings = OptimizerSettings.Parse(text);
        Assert.Equal(text, settings.ToString());
        Assert.Equal(settings, OptimizerSettings.Parse(settings.ToString()));
    }

    [Theory]
    [InlineData("adam", "adam(lr=0.001)")]
    [InlineData("ADAMW(weight_decay=0.004)", "adamw(lr=0.001)")]
    [InlineData("sgd(momentum=0, lr=0.5)", "sgd(lr=0.5)")]
    [InlineData("rmsprop(nesterov=false)", null)]
    public void Parsing_canonicalises_defaults_and_order(string text, string? canonical)
    {
        if (canonical is null)
        {
            Assert.Contains("nesterov applies to optimizer sgd only (got rmsprop)", Assert.Throws<ConfigException>(() => OptimizerSettings.Parse(text)).Message);
            return;
        }
        Assert.Equal(canonical, OptimizerSettings.Parse(text).ToString());
    }

    [Theory]
    [InlineData("adam(beta3=0.9)", "Unknown optimizer parameter 'beta3'. Did you mean")]
    [InlineData("adam(beta1=1)", "beta1: expected a number in [0, 1), got '1'.")]
    [InlineData("sgd(nesterov=maybe)", "nesterov: expected true or false, got 'maybe'.")]
    [InlineData("adam(momentum=0.9)", "momentum applies to optimizer sgd, rmsprop only (got adam).")]
    [InlineData("sgd(clip_norm=1, clip_value=1)", "clip_norm and clip_value cannot both be set")]
    [InlineData("sgd(lr=0.1", "missing ')'")]
    public void Bad_settings_say_what_is_wrong(string text, string message) =>
        Assert.Contains(message, Assert.Throws<ConfigException>(() => OptimizerSettings.Parse(text)).Message);

    [Fact]
    public void Only_plain_sgd_offers_a_fused_step()
    {
        var p = new Parameter("w", 4);
        Assert.Equal(0.1f, Optimizer.Create(OptimizerSettings.Parse("sgd(lr=0.1)"), [p]).FusedStepRate(p));
        foreach (string text in new[] { "sgd(lr=0.1, momentum=0.9)", "sgd(lr=0.1, weight_decay=0.01)", "sgd(lr=0.1, clip_norm=1)",
                     "sgd(lr=0.1, clip_value=1)", "adam", "adamw", "nadam", "rmsprop", "adagrad" })
            Assert.Null(Optimizer.Create(OptimizerSettings.Parse(text), [p]).FusedStepRate(p));
    }

    [Fact]
    public void Unknown_optimizer_suggests_the_closest()
    {
        var e = Assert.Throws<ConfigException>(() => Optimizer.Create(new OptimizerSettings("adma", 0.1), []));
        Assert.Contains("Did you mean 'adam'?", e.Message);
    }

    /// <summary>Three steps of a 100,003-element parameter (large enough to be split) with fresh random gradients.</summary>
    private static float[] ThreeSteps(string optimizer, KernelTeam? team)
    {
        var p = new Parameter("w", 100_003);
        GradientCheck.RandomArray(p.Value.Length, 1).CopyTo(p.Value, 0);
        var step = Optimizer.Create(OptimizerSettings.Parse(optimizer), [p], team);
        for (int s = 0; s < 3; s++)
        {
            GradientCheck.RandomArray(p.Value.Length, 10 + s).CopyTo(p.Gradient, 0);
            step.Step();
        }
        return p.Value;
    }

    [Theory]
    [InlineData("sgd(lr=0.01)")]
    [InlineData("sgd(lr=0.01, momentum=0.9)")]
    [InlineData("sgd(lr=0.01, momentum=0.9, nesterov=true, weight_decay=0.1, clip_norm=50)")]
    [InlineData("adam(lr=0.01)")]
    [InlineData("adam(lr=0.01, amsgrad=true, torch_epsilon=true, clip_value=0.5)")]
    [InlineData("adamw(lr=0.01)")]
    [InlineData("nadam(lr=0.01)")]
    [InlineData("rmsprop(lr=0.01, momentum=0.5, centered=true)")]
    [InlineData("adagrad(lr=0.01, weight_decay=0.01)")]
    public void Updates_shared_by_kernel_threads_equal_one_thread_bit_for_bit(string optimizer)
    {
        using var team = new KernelTeam(3);
        var alone = ThreeSteps(optimizer, null);
        var shared = ThreeSteps(optimizer, team);
        Assert.Equal(alone.Select(BitConverter.SingleToInt32Bits), shared.Select(BitConverter.SingleToInt32Bits));
    }
}
