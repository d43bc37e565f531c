using ActRun.Core.Experiments;

namespace ActRun.Core.Tests.Experiments;

public class ExperimentPlanTests
{
    private static ExperimentConfig Config(string sweep = "  model.activation: [relu, tanh]\n  train.lr: [0.01, 0.1]\n") =>
        ConfigReader.Parse($"dataset: circles\nmodel: {{hidden: [8]}}\ntrain: {{epochs: 2}}\nseed: 5\nseeds: 2\nsweep:\n{sweep}", "exp.yaml");

    [Fact]
    public void The_grid_has_the_first_key_outermost_then_seeds()
    {
        var plan = ExperimentPlan.Create(Config());
        Assert.Equal(8, plan.Runs.Count);
        Assert.Equal(["relu 0.01", "relu 0.01", "relu 0.1", "relu 0.1", "tanh 0.01", "tanh 0.01", "tanh 0.1", "tanh 0.1"],
            plan.Runs.Select(r => $"{r.Settings.Model.Activation} {r.Settings.Train.Optimizer.LearningRate}"));
        Assert.Equal(["activation=relu lr=0.01", "activation=relu lr=0.1", "activation=tanh lr=0.01", "activation=tanh lr=0.1"], plan.Variants.Select(v => v.Label));
        Assert.Equal(["lr"], plan.SweepColumns);
    }

    [Fact]
    public void Every_variant_gets_the_same_seeds_so_variants_are_paired()
    {
        var plan = ExperimentPlan.Create(Config());
        Assert.All(plan.Variants, v => Assert.Equal([5UL, 6UL], plan.Runs.Where(r => r.Variant == v).Select(r => r.Seed)));
    }

    [Fact]
    public void Auto_output_and_initializer_are_resolved_in_the_run_settings()
    {
        var plan = ExperimentPlan.Create(Config("  model.activation: [relu, selu]\n"));
        Assert.All(plan.Runs, r => Assert.Equal("sigmoid", r.Settings.Model.Output));
        Assert.Equal(["glorot_uniform", "lecun_normal"], plan.Runs.Select(r => r.Settings.Model.Init).Distinct());
    }

    [Fact]
    public void Run_ids_are_stable_short_hashes_of_settings_seed_and_data()
    {
        var run = ExperimentPlan.Create(Config()).Runs[0];
        // Pinned (the SHA-256 checked with sha256sum): a change here makes --resume retrain every stored run.
        Assert.Equal("77e14ec7b096", run.RunId);
        Assert.Matches("^[0-9a-f]{12}$", run.RunId);
    }

    [Fact]
    public void A_run_keeps_its_id_when_the_sweep_grows()
    {
        var small = ExperimentPlan.Create(Config());
        var grown = ExperimentPlan.Create(Config("  model.activation: [relu, elu, tanh]\n  train.lr: [0.01, 0.03, 0.1]\n"));
        Assert.Subset(grown.Runs.Select(r => r.RunId).ToHashSet(), small.Runs.Select(r => r.RunId).ToHashSet());
    }

    [Fact]
    public void Different_data_or_seed_gives_a_different_id()
    {
        var a = ExperimentPlan.Create(Config()).Runs[0].RunId;
        var c = Config();
        c.Seed = 6;
        var b = ExperimentPlan.Create(c).Runs[0].RunId;
        c.Dataset.Toy = c.Dataset.Toy.SetItem("train_size", 100);
        var d = ExperimentPlan.Create(c).Runs[0].RunId;
        Assert.Equal(3, new[] { a, b, d }.Distinct().Count());
    }

    [Fact]
    public void Shards_partition_the_runs()
    {
        var plan = ExperimentPlan.Create(Config());
        var shards = Enumerable.Range(1, 3).Select(i => plan.Shard(new ShardSpec(i, 3))).ToList();
        Assert.Equal(plan.Runs.Select(r => r.RunId).Order(), shards.SelectMany(s => s).Select(r => r.RunId).Order());
        Assert.All(shards, s => Assert.InRange(s.Count, 2, 3));
    }

    [Theory]
    [InlineData("0/2")]
    [InlineData("3/2")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void Bad_shards_are_config_errors(string text) =>
        Assert.StartsWith("--shard takes I/N", Assert.Throws<ConfigException>(() => ShardSpec.Parse(text)).Message);

    [Fact]
    public void Momentum_with_adam_is_an_error_naming_the_variant()
    {
        var c = Config();
        c.Train.Momentum = 0.9;
        Assert.Contains("train.momentum applies to train.optimizer sgd, rmsprop only", Assert.Throws<ConfigException>(() => ExperimentPlan.Create(c)).Message);
    }

    [Fact]
    public void Optimizer_parameters_from_the_config_reach_the_run_and_config_yaml_round_trips_them()
    {
        var c = ConfigReader.Parse("train: {optimizer: sgd, lr: 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.0005, clip_norm: 1}\n", "exp.yaml");
        var run = ExperimentPlan.Create(c).Runs[0];
        Assert.Equal("sgd(lr=0.1, momentum=0.9, nesterov=true, weight_decay=0.0005, clip_norm=1)", run.Settings.Train.Optimizer.ToString());
        var back = ExperimentPlan.Create(ConfigYaml.Deserialize(ConfigYaml.Serialize(c))).Runs[0];
        Assert.Equal(run.RunId, back.RunId);
        Assert.DoesNotContain("beta1", ConfigYaml.Serialize(c));
    }

    [Fact]
    public void A_schedule_reaches_the_run_changes_its_id_and_round_trips_through_config_yaml()
    {
        var constant = ExperimentPlan.Create(ConfigReader.Parse("train: {optimizer: sgd, lr: 0.1}\n", "exp.yaml")).Runs[0];
        var c = ConfigReader.Parse("train: {optimizer: sgd, lr: 0.1, schedule: Cosine(warmup=2)}\n", "exp.yaml");
        var run = ExperimentPlan.Create(c).Runs[0];
        Assert.Equal("cosine(warmup=2)", run.Settings.Train.Schedule.ToString());
        Assert.Contains("train.schedule=cosine(warmup=2)", PlannedRun.Describe(run.Settings, run.Data));
        Assert.DoesNotContain("schedule", PlannedRun.Describe(constant.Settings, constant.Data));
        Assert.NotEqual(constant.RunId, run.RunId);
        Assert.Equal(run.RunId, ExperimentPlan.Create(ConfigYaml.Deserialize(ConfigYaml.Serialize(c))).Runs[0].RunId);
        Assert.Contains("line 1, column 44: Unknown schedule 'cosinus'",
            Assert.Throws<ConfigException>(() => ConfigReader.Parse("train: {optimizer: sgd, lr: 0.1, schedule: cosinus}\n", "exp.yaml")).Message);
    }

    [Fact]
    public void An_optimizer_parameter_the_optimizer_does_not_take_is_an_error_at_its_key()
    {
        string message = Assert.Throws<ConfigException>(() => ExperimentPlan.Create(ConfigReader.Parse("train:\n  optimizer: sgd\n  beta2: 0.99\n", "exp.yaml"))).Message;
        Assert.Equal("exp.yaml: line 3, column 10: train.beta2 applies to train.optimizer adam, adamw, nadam only (got sgd).", message);
    }

    [Fact]
    public void Variant_labels_match_expect_keys_by_value_or_column()
    {
        var v = new Variant(0, [new("model.activation", "activation", "relu"), new("train.lr", "lr", "0.1")], "relu");
        Assert.True(v.Matches("relu"));
        Assert.True(v.Matches("relu lr=0.1"));
        Assert.False(v.Matches("relu lr=0.01"));
        Assert.False(v.Matches("tanh"));
    }

    [Fact]
    public void A_swept_list_key_gets_its_column_and_its_values_survive_config_yaml()
    {
        var config = Config("  model.hidden: [[16], [64, 64]]\n  dataset: [circles, moons]\n");
        var plan = ExperimentPlan.Create(config);
        Assert.Equal(["hidden", "dataset"], plan.SweepColumns);
        Assert.Equal(["[16]", "[64,64]"], plan.Variants.Select(v => v.Values[0].Value).Distinct());
        Assert.Equal(["16", "64,64"], plan.Runs.Select(r => string.Join(",", r.Settings.Model.Hidden)).Distinct());
        Assert.Equal(["circles", "moons"], plan.Runs.Select(r => r.Data.Name).Distinct());

        var back = ConfigYaml.Deserialize(ConfigYaml.Serialize(config));
        Assert.Equal(config.Sweep["model.hidden"], back.Sweep["model.hidden"]);
        Assert.Equal(plan.Runs.Select(r => r.RunId), ExperimentPlan.Create(back).Runs.Select(r => r.RunId));
    }
}
