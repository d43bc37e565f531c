using ActRun.Core.Experiments;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Fuzz;

/// <summary>Experiment files, --set and --sweep: any text either reads (and plans) or is one ConfigException.</summary>
public class ConfigFuzzTests
{
    private static readonly string[] Valid =
    [
        """
        # two activations on circles
        name: tiny
        dataset: {name: circles, train_size: 200, test_size: 100}
        model: {hidden: [8], activation: relu}
        train: {epochs: 3, batch_size: 32, optimizer: adam, lr: 0.02}
        seeds: 2
        sweep:
          model.activation: [relu, linear]
          train.lr: "logspace(1e-3, 1e-1, 3)"
        expect:
          relu: {test_accuracy: [0.5, 1]}
        """,
        """
        name: csv
        dataset:
          name: csv
          path: data.csv
          label_column: y
          task: regression
        model:
          hidden: [16, 16]
          output: linear
          init: he_normal
        train:
          epochs: 2
          optimizer: sgd
          momentum: 0.9
        seeds: [1, 2, 3]
        """,
        "dataset: spiral\nmodel: {activation: \"leaky_relu(negative_slope=0.2)\"}\ntrain: {epochs: 1}\nsweep: {model.hidden: [[4], [8, 8]]}\n",
    ];

    private static readonly string[] Tokens =
    [
        ":", ": ", "\n", "\n  ", "- ", "[", "]", "{", "}", ",", "'", "\"", "#", "&a", "*a", "!!str ", "!!float ", "? ", "|", ">", "---", "...",
        "sweep:", "expect:", "model.", "train.", "dataset.", "seeds: ", "lr", "epochs", "hidden", "activation", "logspace(", "linspace(", ")", "~", "null",
        "\t", "%YAML 1.2\n", "<<: *a", "1e999", "-1", "0", "NaN", ".nan", "relu", "x**2", "(", "=",
    ];

    private static void ParseAndPlan(string yaml) => ExperimentPlan.Create(ConfigReader.Parse(yaml, "fuzz.yaml"));

    [Fact]
    public void Mutated_configs_read_or_fail_with_a_config_error()
    {
        int read = 0, rejected = 0;
        TestUtilities.Fuzz.Cases(seed: 9001, maxCases: 3000, (random, _) =>
        {
            string yaml = TestUtilities.Fuzz.Mutate(random, Valid[random.Next(Valid.Length)], Tokens);
            if (TestUtilities.Fuzz.ExpectTypedOutcome("config", yaml, () => ParseAndPlan(yaml))) read++;
            else rejected++;
        });
        // Both sides are reached: mutations that still read (the reader is not rejecting everything) and
        // mutations that fail with a config error (the fuzzer is not too timid to find bad input).
        Assert.True(read > 0 && rejected > 0, $"{read} mutated configs read, {rejected} rejected");
    }

    [Fact]
    public void Random_text_configs_read_or_fail_with_a_config_error()
    {
        TestUtilities.Fuzz.Cases(seed: 9002, maxCases: 3000, (random, _) =>
        {
            string yaml = TestUtilities.Fuzz.RandomText(random, 200, "abcdelmnrstxy.:_- \n[]{},'\"#&*!|>?0123456789");
            TestUtilities.Fuzz.ExpectTypedOutcome("config", yaml, () => ParseAndPlan(yaml));
        });
    }

    [Fact]
    public void Mutated_set_and_sweep_values_apply_or_fail_with_a_config_error()
    {
        string[] assignments =
        [
            "train.lr=0.05", "train.epochs=3", "model.hidden=[64,64]", "model.activation=leaky_relu(negative_slope=0.2)", "seeds=3", "seed=7",
            "dataset.name=moons", "train.lr=logspace(1e-3,1e-1,5)", "model.hidden=[16],[64],[64,64]", "train.batch_size=linspace(8,64,3)",
        ];
        TestUtilities.Fuzz.Cases(seed: 9003, maxCases: 3000, (random, _) =>
        {
            string assignment = TestUtilities.Fuzz.Mutate(random, assignments[random.Next(assignments.Length)], Tokens);
            bool sweep = random.Next(2) == 0;
            TestUtilities.Fuzz.ExpectTypedOutcome(sweep ? "--sweep" : "--set", assignment, () =>
            {
                var config = ConfigReader.Parse(Valid[0], "base.yaml");
                if (sweep) ConfigReader.ApplySweep(config, assignment);
                else ConfigReader.ApplySet(config, assignment);
                ExperimentPlan.Create(config);
            });
        });
    }
}
