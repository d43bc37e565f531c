using ActRun.Core.Experiments;

namespace ActRun.Core.Tests.Experiments;

public class ConfigReaderTests
{
    private const string Valid = """
        name: rings
        dataset: {name: circles, train_size: 200}
        model:
          hidden: [16, 8]
          activation: ReLU
        train:
          epochs: 3
          lr: 0.05
        seeds: [7, 9]
        sweep:
          model.activation: [relu, "leaky_relu(0.2)"]
          train.lr: logspace(1e-3, 1e-1, 3)
        expect:
          relu: {test_accuracy: [0.9, 1.0]}
        """;

    private static ConfigException Error(string yaml) => Assert.Throws<ConfigException>(() => ConfigReader.Parse(yaml, "exp.yaml"));

    [Fact]
    public void A_full_config_reads_with_canonical_values()
    {
        var config = ConfigReader.Parse(Valid, "exp.yaml");
        Assert.Equal("rings", config.Name);
        Assert.Equal("circles", config.Dataset.Name);
        Assert.Equal(200, config.Dataset.Toy["train_size"]);
        Assert.Equal([16, 8], config.Model.Hidden);
        Assert.Equal("relu", config.Model.Activation);
        Assert.Equal([7UL, 9UL], config.RunSeeds());
        Assert.Equal(["relu", "leaky_relu(negative_slope=0.2)"], config.Sweep["model.activation"]);
        Assert.Equal(["0.001", "0.01", "0.1"], config.Sweep["train.lr"]);
        Assert.Equal([0.9, 1.0], config.Expect["relu"]["test_accuracy"]);
    }

    [Fact]
    public void Written_config_reads_back_to_the_same_yaml()
    {
        var config = ConfigReader.Parse(Valid, "exp.yaml");
        string yaml = ConfigYaml.Serialize(config);
        Assert.Equal(yaml, ConfigYaml.Serialize(ConfigYaml.Deserialize(yaml)));
    }

    [Fact]
    public void Unknown_top_level_key_names_file_line_column_and_the_closest_key()
    {
        var e = Error("name: x\ndataset: circles\n\ntrian:\n  epochs: 3\n");
        Assert.Equal("exp.yaml: line 4, column 1: unknown key 'trian' (did you mean 'train'?)", e.Message);
    }

    [Fact]
    public void Unknown_key_in_a_section_suggests_the_key_of_that_section()
    {
        var e = Error("model:\n  hidden: [4]\n  activaton: relu\n");
        Assert.Equal("exp.yaml: line 3, column 3: unknown key 'activaton' (did you mean 'activation'?)", e.Message);
    }

    [Theory]
    [InlineData("train:\n  epochs: many\n", "exp.yaml: line 2, column 11: expected a positive whole number, got 'many'")]
    [InlineData("train:\n  lr: -1\n", "exp.yaml: line 2, column 7: expected a positive number, got '-1'")]
    [InlineData("model:\n  hidden: {a: 1}\n", "exp.yaml: line 2, column 11: expected a list of layer widths such as [64, 64], got a mapping")]
    [InlineData("train:\n  optimizer: adma\n", "exp.yaml: line 2, column 14: unknown value 'adma' (did you mean 'adam'?); expected one of sgd, adam, adamw, nadam, rmsprop, adagrad")]
    [InlineData("seeds: 0\n", "exp.yaml: line 1, column 8: expected a positive whole number, got '0'")]
    [InlineData("model: relu\n", "exp.yaml: line 1, column 8: 'model' expects a mapping of keys (e.g. hidden: …), got 'relu'")]
    public void Wrong_types_are_errors_at_the_value(string yaml, string message) => Assert.Equal(message, Error(yaml).Message);

    [Fact]
    public void A_misspelt_activation_carries_the_registry_suggestion_and_the_place()
    {
        var e = Error("model:\n  activation: rleu\n");
        Assert.StartsWith("exp.yaml: line 2, column 15: Unknown activation 'rleu'. Did you mean 'relu'?", e.Message);
    }

    [Fact]
    public void A_sweep_value_error_points_at_the_value()
    {
        var e = Error("sweep:\n  model.activation: [relu, tahn]\n");
        Assert.StartsWith("exp.yaml: line 2, column 28: Unknown activation 'tahn'", e.Message);
    }

    [Fact]
    public void A_sweep_over_an_unknown_key_suggests_the_dotted_key()
    {
        var e = Error("sweep:\n  train.learning_rate: [0.1]\n  model.activaton: [relu]\n");
        Assert.Contains("line 2, column 3: unknown key 'train.learning_rate'", e.Message);
        e = Error("sweep:\n  model.activaton: [relu]\n");
        Assert.Equal("exp.yaml: line 2, column 3: unknown key 'model.activaton' (did you mean 'model.activation'?)", e.Message);
    }

    [Fact]
    public void Yaml_syntax_errors_are_one_line_with_the_place()
    {
        var e = Error("model:\n  hidden: [16\ntrain: {}\n");
        Assert.StartsWith("exp.yaml: line ", e.Message);
        Assert.Contains("YAML syntax error", e.Message);
        Assert.DoesNotContain("\n", e.Message);
    }

    [Fact]
    public void A_key_given_twice_is_an_error()
    {
        var e = Error("name: a\nname: b\n");
        Assert.StartsWith("exp.yaml: line 2", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    public void An_empty_file_is_an_error(string yaml) => Assert.Contains("empty", Error(yaml).Message);

    [Fact]
    public void Set_changes_a_dotted_key_and_replaces_a_sweep_over_it()
    {
        var config = ConfigReader.Parse(Valid, "exp.yaml");
        ConfigReader.ApplySet(config, "train.lr=0.5");
        ConfigReader.ApplySet(config, "model.hidden=[4,4]");
        ConfigReader.ApplySet(config, "seeds=3");
        Assert.Equal(0.5, config.Train.Lr);
        Assert.Equal([4, 4], config.Model.Hidden);
        Assert.False(config.Sweep.ContainsKey("train.lr"));
        Assert.Equal([42UL, 43UL, 44UL], config.RunSeeds());
    }

    [Fact]
    public void The_report_margin_reads_from_the_file_and_set_and_round_trips_through_config_yaml()
    {
        var config = ConfigReader.Parse(Valid + "\nreport: {equivalence_margin: 0.01}\n", "exp.yaml");
        Assert.Equal(0.01, config.EquivalenceMargin);
        ConfigReader.ApplySet(config, "report.equivalence_margin=0.02");
        Assert.Equal(0.02, ConfigYaml.Deserialize(ConfigYaml.Serialize(config)).EquivalenceMargin);
        Assert.Null(ConfigReader.Parse(Valid, "exp.yaml").EquivalenceMargin);
        Assert.DoesNotContain("report", ConfigYaml.Serialize(ConfigReader.Parse(Valid, "exp.yaml")));
        Assert.Contains("expected a number in (0, 1)", Error(Valid + "\nreport: {equivalence_margin: 5}\n").Message);
        Assert.Contains("'equivalence_margn'", Error(Valid + "\nreport: {equivalence_margn: 0.01}\n").Message);
    }

    [Theory]
    [InlineData("trian.lr=0.1", "--set trian.lr=0.1: unknown key 'trian.lr' (did you mean 'train.lr'?)")]
    [InlineData("train.lr", "--set train.lr: expected --set key=value, e.g. --set train.lr=0.05")]
    [InlineData("train.epochs=0", "--set train.epochs=0: expected a positive whole number, got '0'")]
    public void Set_errors_name_the_option(string assignment, string message)
    {
        var config = new ExperimentConfig();
        Assert.Equal(message, Assert.Throws<ConfigException>(() => ConfigReader.ApplySet(config, assignment)).Message);
    }

    [Fact]
    public void Sweep_option_takes_lists_generators_and_lists_of_lists()
    {
        var config = new ExperimentConfig();
        ConfigReader.ApplySweep(config, "model.hidden=[16],[64],[64,64]");
        ConfigReader.ApplySweep(config, "train.lr=linspace(0.1,0.3,3)");
        ConfigReader.ApplySweep(config, "model.activation=relu,leaky_relu(negative_slope=0.2),elu");
        Assert.Equal(["[16]", "[64]", "[64,64]"], config.Sweep["model.hidden"]);
        Assert.Equal(["0.1", "0.2", "0.3"], config.Sweep["train.lr"]);
        Assert.Equal(["relu", "leaky_relu(negative_slope=0.2)", "elu"], config.Sweep["model.activation"]);
    }

    [Fact]
    public void A_sweep_listing_a_value_twice_is_an_error()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigReader.ApplySweep(new ExperimentConfig(), "model.activation=relu,ReLU"));
        Assert.Contains("lists 'relu' twice", e.Message);
    }

    [Fact]
    public void Expect_for_a_variant_that_does_not_exist_is_an_error_at_its_line()
    {
        var config = ConfigReader.Parse("sweep:\n  model.activation: [relu, tanh]\nexpect:\n  rleu: {test_accuracy: [0.9, 1]}\n", "exp.yaml");
        var e = Assert.Throws<ConfigException>(() => ExperimentPlan.Create(config));
        Assert.StartsWith("exp.yaml: line 4, column 3: expect: 'rleu' matches no variant (did you mean 'relu'?)", e.Message);
    }

    [Fact]
    public void Expect_with_an_unknown_metric_is_an_error()
    {
        var e = Error("expect:\n  relu: {test_acuracy: [0.9, 1]}\n");
        Assert.Equal("exp.yaml: line 2, column 10: unknown key 'test_acuracy' (did you mean 'test_accuracy'?)", e.Message);
    }

    [Theory]
    [InlineData("train: {optimizer: adam, momentum: 0.5}\n", "exp.yaml: line 1, column 36: train.momentum applies to train.optimizer sgd, rmsprop only (got adam).")]
    [InlineData("dataset: {name: mnist, noise: 0.1}\n", "exp.yaml: line 1, column 31: Dataset 'mnist' is read from files and takes no options, got 'noise'")]
    [InlineData("dataset: {name: circles, train_subset: 5000}\n", "exp.yaml: line 1, column 40: train_subset 5000 is more than the 1000 training points of 'circles'")]
    [InlineData("sweep:\n  train.lr: []\n", "exp.yaml: line 2, column 13: sweep over 'train.lr' has no values")]
    [InlineData("sweep:\n  seed: [1, 2]\n", "exp.yaml: line 2, column 3: 'seed' is not a setting of a run and cannot be swept")]
    public void Errors_found_when_planning_still_point_at_the_key(string yaml, string message)
    {
        var e = Assert.Throws<ConfigException>(() => ExperimentPlan.Create(ConfigReader.Parse(yaml, "exp.yaml")));
        Assert.StartsWith(message, e.Message);
    }

    // Found by ConfigFuzzTests: YamlDotNet threw ArgumentException ("unsupported event") for an alias after a flow mapping.
    [Fact]
    public void An_alias_right_after_a_flow_mapping_is_a_syntax_error_naming_the_file()
    {
        var e = Error("model: {hidden: [8], activation: relu}*a\ntrain: {epochs: 3}\n");

        Assert.StartsWith("exp.yaml:", e.Message);
        Assert.Contains("YAML syntax error", e.Message);
    }

    [Theory]
    [InlineData("drop_columns: [id, date]")]
    [InlineData("drop_columns: id, date")]
    public void Drop_columns_in_a_config_becomes_part_of_the_csv_dataset(string line)
    {
        var config = ConfigReader.Parse($"""
            name: houses
            dataset:
              name: csv:houses.csv
              {line}
            """, "exp.yaml");

        Assert.Equal(["id", "date"], config.Dataset.DropColumns);
        Assert.Equal("csv(path=houses.csv, drop_columns=\"id,date\")", DataSpec.From(config).Spec.ToString());
        Assert.Equal("id,date", ConfigKeys.Find("dataset.drop_columns")!.Get(config));
    }
}
