using ActRun.Core.Data;
using ActRun.Core.Data.Toy;
using ActRun.Core.Experiments;
using ActRun.Core.Optimizers;

namespace ActRun.Core.Tests.Experiments;

/// <summary>
/// Every declared setting reaches the run id: a run trained with another value of any key gets another id, or
/// --resume would take a run with other settings for a finished one. The optimizer's and the toy sets' parameters
/// are generated from their declarations; a new key of DatasetKeys, ModelKeys or TrainKeys needs a line in
/// <see cref="Examples"/> (and, when it changes results, a line in PlannedRun.Describe that is left out at its default).
/// </summary>
public sealed class RunIdCoverageTests
{
    /// <summary>Per key: the settings it needs to mean something (first), then a value other than the default.</summary>
    private static readonly Dictionary<string, string[]> Examples = new()
    {
        ["dataset.name"] = ["dataset.name=moons"],
        ["dataset.features"] = ["dataset.features=[x1^2, x2^2]"],
        ["dataset.path"] = [Csv, "dataset.path=other.csv"],
        ["dataset.test_path"] = [Csv, "dataset.test_path=test.csv"],
        ["dataset.label_column"] = [Csv, "dataset.label_column=y"],
        ["dataset.task"] = [Csv, "dataset.task=regression"],
        ["dataset.drop_columns"] = [Csv, "dataset.drop_columns=[id]"],
        ["dataset.test_fraction"] = [Csv, "dataset.test_fraction=0.3"],
        ["dataset.train_subset"] = ["dataset.train_subset=100"],
        ["dataset.test_subset"] = ["dataset.test_subset=50"],
        ["model.hidden"] = ["model.hidden=[8, 8]"],
        ["model.norm"] = ["model.norm=batch"],
        ["model.dropout"] = ["model.dropout=0.2"],
        ["model.layers"] = ["model.layers=[dense(16), batch_norm, act]"],
        ["model.activation"] = ["model.activation=tanh"],
        ["model.output"] = ["model.output=softmax"],
        ["model.init"] = ["model.init=he_normal"],
        ["train.epochs"] = ["train.epochs=3"],
        ["train.batch_size"] = ["train.batch_size=7"],
        ["train.optimizer"] = ["train.optimizer=sgd"],
        ["train.lr"] = ["train.lr=0.5"],
        ["train.momentum"] = ["train.optimizer=sgd", "train.momentum=0.5"],
        ["train.schedule"] = ["train.schedule=cosine"],
        ["train.divergence_factor"] = ["train.divergence_factor=5"],
        ["train.validation_fraction"] = ["train.validation_fraction=0.2"],
        ["train.monitor"] = [Validation, "train.monitor=val_accuracy"],
        ["train.early_stopping"] = [Validation, "train.early_stopping=on"],
        ["train.reduce_lr_on_plateau"] = [Validation, "train.reduce_lr_on_plateau=on"],
    };

    private const string Csv = "dataset.name=csv:data.csv";
    private const string Validation = "train.validation_fraction=0.1";

    public static TheoryData<string> Keys() => [.. ConfigKeys.All.Select(k => k.Path)];

    [Theory]
    [MemberData(nameof(Keys))]
    public void Another_value_of_any_setting_gives_another_run_id(string path)
    {
        var assignments = Example(path);
        Assert.True(assignments is not null, $"{path} has no example here: add one, and make sure the key changes the run id (PlannedRun.Describe).");
        var context = Config();
        foreach (string set in assignments[..^1]) ConfigReader.ApplySet(context, set);
        var changed = context.Clone();
        ConfigReader.ApplySet(changed, assignments[^1]);
        Assert.NotEqual(ConfigKeys.Find(path)!.Get(context), ConfigKeys.Find(path)!.Get(changed));
        Assert.NotEqual(RunId(context), RunId(changed));
    }

    private static string[]? Example(string path)
    {
        if (Examples.TryGetValue(path, out var example)) return example;
        if (OptimizerParameters.Find(path["train.".Length..]) is { } p && path.StartsWith("train.", StringComparison.Ordinal))
        {
            string optimizer = p.Optimizers[0];
            double value = p.Flag ? 1 : NonDefault(p.Defaults[optimizer], v => p.Valid(v));
            // The clips cannot both be set, and nesterov needs a momentum.
            string[] context = optimizer == "sgd" ? ["train.optimizer=sgd", "train.momentum=0.5"] : [$"train.optimizer={optimizer}"];
            return [.. context, $"{path}={p.Format(value)}"];
        }
        if (ToyOptions.All.FirstOrDefault(o => "dataset." + o.Name == path) is { } toy)
            return [$"{path}={toy.Format(NonDefault(toy.Get(DatasetCatalog.FindToy("circles")!.Defaults), v => toy.Valid(v)))}"];
        return null;
    }

    private static double NonDefault(double @default, Func<double, bool> valid) =>
        new[] { @default * 2, @default + 0.5, 0.5, 3, 0.05 }.First(v => v != @default && valid(v));

    private static ExperimentConfig Config() =>
        ConfigReader.Parse("dataset: circles\nmodel: {hidden: [16], output: sigmoid}\ntrain: {epochs: 2}\nseed: 5\n", "exp.yaml");

    private static string RunId(ExperimentConfig config)
    {
        // A csv set is planned without reading it: its output is given, so "auto" need not look at the labels.
        if (config.Dataset.Name.StartsWith("csv", StringComparison.Ordinal)) config.Model.Output = config.Dataset.Task == "regression" ? "linear" : "softmax";
        return ExperimentPlan.Create(config).Runs[0].RunId;
    }
}
