using System.Security.Cryptography;
using System.Text;
using ActRun.Core.Experiments;
using ActRun.Core.Layers;

namespace ActRun.Core.Tests.Layers;

public class ModelSpecTests
{
    [Theory]
    [InlineData("dense(64)", "dense(64)")]
    [InlineData("Dense(units=64)", "dense(64)")]
    [InlineData("dropout(rate=0.2)", "dropout(0.2)")]
    [InlineData("batch_norm(momentum=0.99, epsilon=0.001)", "batch_norm")]
    [InlineData("batch_norm(epsilon=1e-5, momentum=0.9)", "batch_norm(momentum=0.9, epsilon=1E-05)")]
    [InlineData("layer_norm(epsilon=0.01)", "layer_norm(epsilon=0.01)")]
    [InlineData("gaussian_noise(0.1)", "gaussian_noise(0.1)")]
    [InlineData("alpha_dropout(0.05)", "alpha_dropout(0.05)")]
    [InlineData("act", "act")]
    [InlineData("act(LeakyReLU(0.2))", "act(leaky_relu(negative_slope=0.2))")]
    public void A_layer_prints_canonically_and_parses_back_to_itself(string text, string canonical)
    {
        var spec = LayerSpec.Parse(text);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, LayerSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("dropuot(0.2)", "Unknown layer 'dropuot'. Did you mean 'dropout'?")]
    [InlineData("dense", "needs its units")]
    [InlineData("dense(0)", "units must be a positive whole number, got '0'")]
    [InlineData("dense(2.5)", "units must be a positive whole number")]
    [InlineData("dropout(1)", "rate must be a number in [0, 1)")]
    [InlineData("batch_norm(momentm=0.9)", "has no option 'momentm'. Did you mean 'momentum'?")]
    [InlineData("batch_norm(0.9)", "takes only named options")]
    [InlineData("act(rleu)", "Did you mean 'relu'?")]
    public void A_bad_layer_says_what_is_wrong(string text, string message)
    {
        Assert.Contains(message, Assert.Throws<ConfigException>(() => LayerSpec.Parse(text)).Message);
    }

    [Fact]
    public void A_model_spec_round_trips_with_or_without_brackets()
    {
        var spec = ModelSpec.Parse("dense(256), batch_norm, act, dropout(0.2), dense(128), act(leaky_relu(negative_slope=0.2, ))".Replace(", ))", "))"));
        Assert.Equal("[dense(256), batch_norm, act, dropout(0.2), dense(128), act(leaky_relu(negative_slope=0.2))]", spec.ToString());
        Assert.Equal(spec, ModelSpec.Parse(spec.ToString()));
        Assert.Equal([256, 128], spec.DenseWidths);
        Assert.False(spec.IsPlain);
        Assert.Contains("model layer 2 of", Assert.Throws<ConfigException>(() => ModelSpec.Parse("[dense(8), batch_nrom]")).Message);
    }

    [Fact]
    public void The_shorthand_expands_in_keras_order_and_without_options_is_plain()
    {
        Assert.Equal("[dense(64), batch_norm, act, dropout(0.2), dense(32), batch_norm, act, dropout(0.2)]", ModelSpec.Shorthand([64, 32], "batch", 0.2).ToString());
        Assert.Equal("[dense(64), layer_norm, act]", ModelSpec.Shorthand([64], "layer", 0).ToString());
        Assert.True(ModelSpec.Shorthand([64, 32], "none", 0).IsPlain);
        Assert.True(ModelSpec.Parse("[dense(64), act]").IsPlain);
        Assert.False(ModelSpec.Parse("[dense(64), act(relu)]").IsPlain);
    }

    private static ExperimentPlan Plan(string model, string sweep = "") =>
        ExperimentPlan.Create(ConfigReader.Parse($"dataset: circles\nmodel: {model}\ntrain: {{epochs: 2}}\nseed: 5\n{sweep}", "exp.yaml"));

    [Fact]
    public void Norm_and_dropout_change_the_run_id_and_the_plain_model_keeps_it()
    {
        string plain = Plan("{hidden: [8]}").Runs[0].RunId;
        // The id before model specs (ExperimentPlanTests pins the same settings with seeds and sweep).
        Assert.Equal(plain, Plan("{hidden: [8], norm: none, dropout: 0}").Runs[0].RunId);
        Assert.Equal(plain, Plan("{layers: [dense(8), act]}").Runs[0].RunId);
        var ids = new[] { plain, Plan("{hidden: [8], norm: batch}").Runs[0].RunId, Plan("{hidden: [8], dropout: 0.2}").Runs[0].RunId,
            Plan("{hidden: [8], norm: layer}").Runs[0].RunId };
        Assert.Equal(4, ids.Distinct().Count());
        Assert.Contains("model.layers=[dense(8), batch_norm, act]", Plan("{hidden: [8], norm: batch}").Runs[0].SettingsLine);
    }

    [Fact]
    public void The_full_form_swaps_only_the_placeholder_when_activations_are_swept()
    {
        var plan = Plan("{layers: [dense(8), act(tanh), dense(4), act]}", "sweep:\n  model.activation: [relu, gelu]\n");
        Assert.Equal(["relu", "gelu"], plan.Runs.Select(r => r.Settings.Model.Activation));
        Assert.All(plan.Runs, r => Assert.Equal("[dense(8), act(tanh), dense(4), act]", r.Settings.Model.Spec.ToString()));
        Assert.Equal("[8,4]", plan.Variants[0].Keys.Single(k => k.Column == "hidden").Value);
        var network = new Network(2, plan.Runs[1].Settings.Model.Spec, () => ActRun.Core.Activations.ActivationRegistry.Create("gelu"), 1, 4);
        Assert.Equal(["tanh", "gelu", "linear"], network.DenseLayers.Select(d => d.Activation.Spec.ToString()));
    }

    [Fact]
    public void Norm_and_dropout_can_be_swept_and_become_key_columns()
    {
        var plan = Plan("{hidden: [8]}", "sweep:\n  model.norm: [none, batch, layer]\n  model.dropout: [0, 0.3]\n");
        Assert.Equal(6, plan.Variants.Count);
        Assert.Contains("norm", plan.KeyColumns);
        Assert.Contains("dropout", plan.KeyColumns);
        Assert.Equal(6, plan.Runs.Select(r => r.RunId).Distinct().Count());
    }

    [Fact]
    public void Config_errors_point_at_the_line_and_suggest()
    {
        var e = Assert.Throws<ConfigException>(() => Plan("\n  layers: [dense(8), dropuot(0.2), act]"));
        // The column of the misspelt item itself, not of the list.
        Assert.Contains("exp.yaml: line 3, column 22: model layer 2 (dropuot(0.2))", e.Message);
        Assert.Contains("Did you mean 'dropout'?", e.Message);
        Assert.Contains("did you mean 'batch'", Assert.Throws<ConfigException>(() => Plan("{hidden: [8], norm: bach}")).Message);
        Assert.Contains("belong to the shorthand", Assert.Throws<ConfigException>(() => Plan("{layers: [dense(8), act], norm: batch}")).Message);
    }

    [Fact]
    public void Config_yaml_writes_the_layers_and_reads_them_back()
    {
        var config = ConfigReader.Parse("dataset: circles\nmodel: {layers: '[dense(8), batch_norm, act(leaky_relu(negative_slope=0.2)), dropout(0.1)]'}\n", "exp.yaml");
        string yaml = ConfigYaml.Serialize(config);
        Assert.Contains("layers:", yaml);
        Assert.DoesNotContain("norm:", yaml);
        var back = ConfigYaml.Deserialize(yaml);
        Assert.Equal(ExperimentPlan.Create(config).Runs.Select(r => r.RunId), ExperimentPlan.Create(back).Runs.Select(r => r.RunId));
    }

    /// <summary>The run ids of every shipped experiment, recorded with the build before model specs (actrun run NAME --dry-run).</summary>
    [Theory]
    [InlineData("activations-on-circles", 18, "6fc0fedffcfe")]
    [InlineData("bad-activations", 12, "5bdef2d9b2c0")]
    [InlineData("dead-relu", 27, "e18c6bc5c8ff")]
    [InlineData("fashion-mnist-activations", 15, "9058bf2c6fcc")]
    [InlineData("mnist-linear-vs-nonlinear", 12, "aa3fc57bea2e")]
    [InlineData("output-activations-binary", 15, "9086908993e7")]
    [InlineData("output-activations", 9, "23e41421b46c")]
    [InlineData("selu-self-normalizing", 18, "de4b79d9c66c")]
    [InlineData("vanishing-gradients", 9, "3f6e1fca80db")]
    public void Shipped_experiments_keep_their_run_ids(string name, int count, string hash)
    {
        var ids = ExperimentPlan.Create(ShippedExperiments.Get(name).Read()).Runs.Select(r => r.RunId).ToList();
        Assert.Equal(count, ids.Count);
        Assert.Equal(hash, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", ids))))[..12]);
    }

    [Theory]
    [InlineData("[dense(8), act, dense(4), act]")]
    [InlineData("[dense(8), batch_norm, act, dropout(0.2), dense(4), act(tanh), layer_norm]")]
    [InlineData("[dropout(0.1), dense(8), alpha_dropout(0.1), act, gaussian_noise(0.1), dense(3)]")]
    public void The_network_kinds_of_a_spec_are_the_kinds_of_the_layers_it_builds(string text)
    {
        var spec = ModelSpec.Parse(text);
        var network = new Network(5, spec, () => new ActRun.Core.Activations.Relu(), 2, 4);

        Assert.Equal(network.Layers.Select(l => l.Kind), spec.NetworkKinds());
    }
}
