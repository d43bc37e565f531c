using ActRun.Core.Experiments;
using ActRun.Core.Results;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Results;

/// <summary>The column layout of a result folder: one set of key columns for every file, read by column name.</summary>
public class ResultLayoutTests
{
    [Fact]
    public void Key_columns_are_activation_dataset_and_hidden_always_then_the_other_swept_keys_in_sweep_order()
    {
        var plan = ExperimentPlan.Create(ConfigReader.Parse(
            "dataset: circles\nmodel: {hidden: [8, 4]}\nsweep:\n  train.lr: [0.01, 0.1]\n  dataset: [circles, moons]\n  model.activation: [relu, tanh]\n", "exp.yaml"));

        Assert.Equal(["activation", "dataset", "hidden", "lr"], plan.KeyColumns);
        var run = plan.Runs.Single(r => r.Variant.Label == "lr=0.1 dataset=moons activation=tanh");
        Assert.Equal(new object?[] { run.RunId, "tanh", "moons", "[8,4]", "0.1", 42UL }, ResultFolder.RunFields(run));
        Assert.Equal(["run_id", .. plan.KeyColumns, "seed"], ResultFolder.RunColumns(plan));
    }

    [Fact]
    public void A_sweep_over_epochs_names_its_column_train_epochs_so_no_file_has_a_column_twice_and_it_resumes()
    {
        using var dir = new TempDirectory();
        var plan = ExperimentPlan.Create(ConfigReader.Parse(
            "dataset: {name: xor, train_size: 60, test_size: 30}\nmodel: {hidden: [4]}\nsweep:\n  train.epochs: [1, 2]\n", "exp.yaml"));
        var data = ExperimentRunner.LoadData(plan.Runs, null);

        ExperimentRunner.Run(plan, dir.Path, new RunOptions(1), data);
        var resumed = ExperimentRunner.Run(plan, dir.Path, new RunOptions(1, Resume: true), data);

        Assert.Equal((2, 0), (resumed.Kept, resumed.Trained));
        Assert.Equal(["1", "2"], CsvTable.Read(dir.Combine(ResultFolder.RunsFile)).Select(r => r["train_epochs"]));
        Assert.Equal(["1", "2"], CsvTable.Read(dir.Combine(ResultFolder.SummaryFile)).Select(r => r["epochs"]));
        Assert.Equal("2", plan.Variants[1].Label);
    }

    /// <summary>What ActRun wrote before the shared key columns: run_id last in metrics.csv, a variant label in layers.csv and regions.csv.</summary>
    [Fact]
    public void A_folder_in_the_previous_layout_resumes_without_training_and_is_rewritten_in_the_current_one()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, dir.Path, new RunOptions(1), data);
        string[] files = [ResultFolder.RunsFile, ResultFolder.MetricsFile, ResultFolder.LayersFile, ResultFolder.RegionsFile];
        var current = files.ToDictionary(f => f, f => File.ReadAllText(dir.Combine(f)));
        Reorder(dir.Combine(ResultFolder.RunsFile), ["run_id", "activation", "seed_index", "seed", "status", "epochs", "started", "finished", "actrun_version", "git_commit", "settings"]);
        // learning_rate came later than this layout; it stays so the rewritten files compare whole (an older folder's is empty).
        Reorder(dir.Combine(ResultFolder.MetricsFile), ["activation", "seed", "epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "epoch_seconds", "learning_rate", "run_id"]);
        // So did the input percentiles (a folder without them is the next test's).
        Reorder(dir.Combine(ResultFolder.LayersFile), ["run_id", "variant", "seed", "epoch", "layer", "weight_norm", "grad_norm", "update_ratio",
            "activation_mean", "activation_std", "dead_fraction", "saturated_fraction", "input_p15", "input_p50", "input_p85"]);
        Reorder(dir.Combine(ResultFolder.RegionsFile), ["run_id", "variant", "seed", "x1", "x2", "p"]);
        Assert.NotEqual(current[ResultFolder.MetricsFile], File.ReadAllText(dir.Combine(ResultFolder.MetricsFile)));

        var resumed = ExperimentRunner.Run(plan, dir.Path, new RunOptions(1, Resume: true), data);

        Assert.Equal((4, 0), (resumed.Kept, resumed.Trained));
        Assert.All(files, f => Assert.Equal(current[f], File.ReadAllText(dir.Combine(f))));
    }

    [Fact]
    public void A_layers_csv_without_the_input_percentiles_resumes_and_is_rewritten_with_them_empty_of_numbers()
    {
        using var dir = new TempDirectory();
        var plan = SmallSweep.Plan();
        var data = ExperimentRunner.LoadData(plan.Runs, null);
        ExperimentRunner.Run(plan, dir.Path, new RunOptions(1), data);
        string[] percentiles = ["input_p15", "input_p50", "input_p85"];
        var current = CsvTable.Read(dir.Combine(ResultFolder.LayersFile));
        Assert.All(current, row => Assert.True(double.IsFinite(double.Parse(row["input_p50"], System.Globalization.CultureInfo.InvariantCulture))));
        Reorder(dir.Combine(ResultFolder.LayersFile), [.. current[0].Keys.Except(percentiles)]);

        var resumed = ExperimentRunner.Run(plan, dir.Path, new RunOptions(1, Resume: true), data);

        Assert.Equal((4, 0), (resumed.Kept, resumed.Trained));
        var rewritten = CsvTable.Read(dir.Combine(ResultFolder.LayersFile));
        Assert.Equal(current.Select(r => r.Keys.ToList()), rewritten.Select(r => r.Keys.ToList()));
        Assert.Equal(current.Select(r => r.Where(kv => !percentiles.Contains(kv.Key))), rewritten.Select(r => r.Where(kv => !percentiles.Contains(kv.Key))));
        Assert.All(rewritten, row => Assert.All(percentiles, c => Assert.Equal("NaN", row[c])));
    }

    private static void Reorder(string path, string[] header)
    {
        var rows = CsvTable.Read(path);
        CsvTable.Write(path, header, rows.Select(r => (IReadOnlyList<object?>)header.Select(c => (object?)r[c == "variant" ? "activation" : c]).ToList()));
    }
}
