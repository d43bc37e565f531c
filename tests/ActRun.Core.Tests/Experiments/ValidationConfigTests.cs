using ActRun.Core.Experiments;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Experiments;

/// <summary>The validation keys in a config: their canonical texts, their place in run ids, and the checks that need several keys.</summary>
public class ValidationConfigTests
{
    private const string Base = "name: x\ndataset: circles\nmodel: {hidden: [4]}\ntrain:\n  epochs: 2\n";

    private static ExperimentPlan Plan(string train) => ExperimentPlan.Create(ConfigReader.Parse(Base + train, "exp.yaml"));

    [Fact]
    public void The_callbacks_read_from_mappings_or_on_and_resolve_mode_from_the_monitor()
    {
        var settings = Plan("  validation_fraction: 0.2\n  early_stopping: {monitor: val_accuracy, patience: 4}\n  reduce_lr_on_plateau: on\n").Runs[0].Settings.Train.Validation;

        Assert.Equal(new EarlyStoppingSettings("val_accuracy", 4, 0, "max"), settings.EarlyStopping);
        Assert.Equal(new PlateauSettings(), settings.Plateau);
        Assert.Equal(0.2, settings.Fraction);
    }

    [Fact]
    public void Without_validation_settings_the_run_id_is_the_one_it_had_before_they_existed()
    {
        var off = Plan("");
        var explicitOff = Plan("  validation_fraction: 0\n  early_stopping: off\n  reduce_lr_on_plateau: off\n  monitor: val_loss\n");
        var on = Plan("  validation_fraction: 0.1\n");

        Assert.DoesNotContain("validation", off.Runs[0].SettingsLine);
        Assert.Equal(off.Runs[0].RunId, explicitOff.Runs[0].RunId);
        Assert.NotEqual(off.Runs[0].RunId, on.Runs[0].RunId);
        Assert.EndsWith("; train.validation_fraction=0.1", on.Runs[0].SettingsLine);
    }

    [Fact]
    public void Config_yaml_writes_the_callbacks_that_read_back_to_the_same_settings_and_leaves_defaults_out()
    {
        var config = ConfigReader.Parse(Base + "  validation_fraction: 0.1\n  early_stopping: {patience: 2, min_delta: 0.01}\n", "exp.yaml");

        string yaml = ConfigYaml.Serialize(config);
        var back = ConfigYaml.Deserialize(yaml);

        Assert.Contains("early_stopping: {monitor: val_loss, patience: 2, min_delta: 0.01, mode: min}", yaml);
        Assert.DoesNotContain("reduce_lr_on_plateau", yaml);
        Assert.DoesNotContain("monitor: val_loss\n", yaml);
        Assert.Equal(config.Train.EarlyStopping, back.Train.EarlyStopping);
        Assert.Equal(ExperimentPlan.Create(config).Runs[0].RunId, ExperimentPlan.Create(back).Runs[0].RunId);
        Assert.DoesNotContain("validation", ConfigYaml.Serialize(ConfigReader.Parse(Base, "exp.yaml")));
    }

    [Fact]
    public void Early_stopping_can_be_swept_and_set_from_the_command_line()
    {
        var config = ConfigReader.Parse(Base + "  validation_fraction: 0.1\n", "exp.yaml");
        ConfigReader.ApplySweep(config, "train.early_stopping={patience: 2},{patience: 5}");

        var plan = ExperimentPlan.Create(config);

        Assert.Equal([2, 5], plan.Runs.Select(r => r.Settings.Train.Validation.EarlyStopping!.Patience));
    }

    [Fact]
    public void A_factor_outside_0_1_is_an_error_at_its_place()
    {
        var e = Assert.Throws<ConfigException>(() => Plan("  validation_fraction: 0.1\n  reduce_lr_on_plateau: {factor: 2}\n"));

        Assert.Contains("exp.yaml: line 7", e.Message);
        Assert.Contains("expected a factor in (0, 1), got '2'", e.Message);
    }
}
