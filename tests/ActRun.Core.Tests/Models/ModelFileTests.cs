using ActRun.Core.Data;
using ActRun.Core.Experiments;
using ActRun.Core.Models;
using ActRun.Core.Tests.TestUtilities;
using ActRun.Core.Training;

namespace ActRun.Core.Tests.Models;

public sealed class ModelFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Csv(string text)
    {
        string path = Path.Combine(Directory.CreateDirectory(_temp.Combine(Guid.NewGuid().ToString("N"))).FullName, "data.csv");
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Three string classes, one informative and one noisy column on very different scales.</summary>
    private string ClassesCsv()
    {
        var rng = new Random(3);
        var lines = new List<string> { "size,weight,kind" };
        string[] kinds = ["cat", "dog", "eel"];
        for (int i = 0; i < 120; i++)
            lines.Add(FormattableString.Invariant($"{i % 3 * 10 + rng.NextDouble()},{1000 + rng.Next(500)},{kinds[i % 3]}"));
        return Csv(string.Join("\n", lines));
    }

    private string RegressionCsv()
    {
        var lines = new List<string> { "x,y,target" };
        for (int i = 0; i < 80; i++) lines.Add(FormattableString.Invariant($"{i},{i % 7},{3000 + 20 * i}"));
        return Csv(string.Join("\n", lines));
    }

    private (PlannedRun Run, Dataset Data, RunResult Result, string Path) Train(string yaml)
    {
        var run = ExperimentPlan.Create(ConfigReader.Parse(yaml, "test.yaml")).Runs[0];
        var data = run.Data.Load(null);
        var result = Trainer.Train(data, run.Settings, extras: TrainingExtras.Model);
        string path = ModelFile.PathFor(Directory.CreateDirectory(_temp.Combine(Guid.NewGuid().ToString("N"))).FullName, run.RunId);
        ModelFile.Write(path, ModelFile.Describe(run, data, result.Network!), result.Network!);
        return (run, data, result, path);
    }

    public static TheoryData<string> Configs() => new()
    {
        "dataset: circles\nmodel: {hidden: [8], activation: relu}\ntrain: {epochs: 3}",
        "dataset: {name: spiral, features: [x1^2, x2^2, sin(x1)]}\nmodel: {hidden: [8, 4], activation: prelu}\ntrain: {epochs: 2}",
        "dataset: circles\nmodel: {hidden: [6], activation: 'leaky_relu(negative_slope=0.2)', output: tanh}\ntrain: {epochs: 2, batch_size: 600}",
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void A_saved_model_evaluates_to_exactly_what_training_reported_for_its_last_epoch(string yaml)
    {
        var (_, _, result, path) = Train(yaml);

        var model = ModelFile.Read(path);
        var score = ModelEvaluation.Evaluate(model, ModelEvaluation.Load(model.Header, null, null, null), "test");

        Assert.Equal(result.Final!.TestLoss, score.Loss);
        Assert.Equal(result.Final.TestAccuracy, score.Accuracy);
    }

    [Fact]
    public void A_csv_model_keeps_its_standardisation_and_class_names_and_reproduces_its_numbers()
    {
        string csv = ClassesCsv();
        var (_, data, result, path) = Train($"dataset: {{name: 'csv:{csv}'}}\nmodel: {{hidden: [8], activation: tanh}}\ntrain: {{epochs: 3}}");

        var model = ModelFile.Read(path);
        Assert.Equal(["cat", "dog", "eel"], model.Header.Dataset.ClassNames);
        Assert.Equal("standardise", model.Header.Dataset.Normalisation.Kind);
        Assert.Equal(data.Normalisation.FeatureMeans, model.Header.Dataset.Normalisation.FeatureMean);
        Assert.Equal(["size", "weight"], model.Header.Dataset.FeatureNames);
        var score = ModelEvaluation.Evaluate(model, ModelEvaluation.Load(model.Header, null, null, null), "test");
        Assert.Equal(result.Final!.TestLoss, score.Loss);
        Assert.Equal(result.Final.TestAccuracy, score.Accuracy);
    }

    [Fact]
    public void A_new_csv_file_is_standardised_with_the_models_statistics_and_its_classes_matched_by_name()
    {
        string csv = ClassesCsv();
        var (_, _, _, path) = Train($"dataset: {{name: 'csv:{csv}'}}\nmodel: {{hidden: [8], activation: tanh}}\ntrain: {{epochs: 60}}");
        // Only two of the three classes, so the file alone would number 'eel' as class 1, not 2.
        string fresh = Csv("size,weight,kind\n20.5,1200,eel\n0.5,1300,cat\n21,1100,eel\n0.2,1000,cat\n20.1,1450,eel");
        var model = ModelFile.Read(path);

        var score = ModelEvaluation.Evaluate(model, ModelEvaluation.Load(model.Header, $"csv:{fresh}", null, null), "train");

        Assert.True(score.Accuracy > 0.7, $"accuracy {score.Accuracy}");
    }

    [Fact]
    public void A_regression_model_keeps_its_target_scaling()
    {
        string csv = RegressionCsv();
        var (_, _, result, path) = Train($"dataset: {{name: 'csv:{csv}', task: regression}}\nmodel: {{hidden: [4], activation: relu}}\ntrain: {{epochs: 2}}");
        var model = ModelFile.Read(path);
        Assert.NotNull(model.Header.Dataset.Normalisation.TargetStd);
        var score = ModelEvaluation.Evaluate(model, ModelEvaluation.Load(model.Header, null, null, null), "test");
        Assert.Equal(result.Final!.TestLoss, score.Loss);
        Assert.True(double.IsNaN(score.Accuracy));
    }

    [Fact]
    public void Learned_prelu_slopes_are_in_the_header()
    {
        var (_, _, result, path) = Train("dataset: circles\nmodel: {hidden: [5], activation: prelu}\ntrain: {epochs: 2}");
        var slopes = ModelFile.Read(path).Header.Layers[0].ActivationParameters;
        Assert.Equal(result.Network!.Layers[0].ActivationParameters!.Value, slopes);
        Assert.Null(ModelFile.Read(path).Header.Layers[1].ActivationParameters);
    }

    [Fact]
    public void A_truncated_model_file_is_a_data_error_naming_the_file()
    {
        var (_, _, _, path) = Train("dataset: circles\nmodel: {hidden: [4]}\ntrain: {epochs: 1}");
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^10]);

        var e = Assert.Throws<DataException>(() => ModelFile.Read(path));
        Assert.Contains(path, e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void A_damaged_weight_is_caught_by_the_checksum()
    {
        var (_, _, _, path) = Train("dataset: circles\nmodel: {hidden: [4]}\ntrain: {epochs: 1}");
        var bytes = File.ReadAllBytes(path);
        bytes[^3] ^= 0x40;
        File.WriteAllBytes(path, bytes);

        var e = Assert.Throws<DataException>(() => ModelFile.Read(path));
        Assert.Contains("checksum", e.Message);
    }

    [Theory]
    [InlineData("not a model at all")]
    [InlineData("actrun-model 1\n{\"inputs\": 2, \"hidden\": [")]
    [InlineData("actrun-model 1\n{\"inputs\": 2, \"hid")]
    [InlineData("")]
    public void Anything_that_is_not_a_whole_model_file_is_a_data_error(string text)
    {
        string path = Csv(text);
        var e = Assert.Throws<DataException>(() => ModelFile.Read(path));
        Assert.StartsWith(path, e.Message);
    }

    [Fact]
    public void Evaluating_on_data_with_other_features_says_what_the_model_takes()
    {
        var (_, _, _, path) = Train("dataset: {name: circles, features: [x1^2, x2^2, x1*x2]}\nmodel: {hidden: [4]}\ntrain: {epochs: 1}");
        var model = ModelFile.Read(path);
        // A CSV file has no Playground toggles: its two columns are two features, not the model's three.
        string csv = Csv("a,b,label\n1,2,0\n3,4,1\n5,6,0\n7,8,1\n9,10,0");

        var e = Assert.Throws<ConfigException>(() => ModelEvaluation.Evaluate(model, ModelEvaluation.Load(model.Header, $"csv:{csv}", null, null), "test"));
        Assert.Contains("takes 3 input features", e.Message);
    }
}
