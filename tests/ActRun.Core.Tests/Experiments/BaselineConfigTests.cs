using ActRun.Core.Experiments;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Experiments;

public class BaselineConfigTests
{
    [Fact]
    public void Baseline_mlnet_is_read_and_written_back()
    {
        var config = ConfigReader.Parse("dataset: circles\nbaseline: mlnet\n", "exp.yaml");
        Assert.Equal("mlnet", config.Baseline);
        Assert.Equal("mlnet", ConfigYaml.Deserialize(ConfigYaml.Serialize(config)).Baseline);
    }

    [Fact]
    public void Baseline_none_means_no_baseline()
    {
        Assert.Null(ConfigReader.Parse("dataset: circles\nbaseline: none\n", "exp.yaml").Baseline);
        Assert.DoesNotContain("baseline", ConfigYaml.Serialize(new ExperimentConfig()));
    }

    [Fact]
    public void An_unknown_baseline_is_a_config_error_with_place_and_suggestion()
    {
        var e = Assert.Throws<ConfigException>(() => ConfigReader.Parse("dataset: circles\nbaseline: mlnt\n", "exp.yaml"));
        Assert.StartsWith("exp.yaml: line 2,", e.Message);
        Assert.Contains("Did you mean 'mlnet'?", e.Message);
    }

    [Fact]
    public void Baseline_can_be_set_from_the_command_line()
    {
        var config = ConfigReader.Parse("dataset: circles\n", "exp.yaml");
        ConfigReader.ApplySet(config, "baseline=mlnet");
        Assert.Equal("mlnet", config.Baseline);
    }

    [Fact]
    public void The_classifier_baseline_on_a_regression_task_is_a_config_error()
    {
        using var temp = new TempDirectory();
        string csv = temp.Combine("r.csv");
        File.WriteAllText(csv, "x,y\n1,2\n2,4\n3,6\n4,8\n5,10\n");
        var config = ConfigReader.Parse($"dataset: {{name: 'csv:{csv}', task: regression}}\nbaseline: mlnet\n", "exp.yaml");

        var e = Assert.Throws<ConfigException>(() => ExperimentPlan.Create(config));
        Assert.StartsWith("exp.yaml: line 2,", e.Message);
        Assert.Contains("regression", e.Message);
    }
}
