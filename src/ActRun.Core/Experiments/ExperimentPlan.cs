using ActRun.Core.Data;
using ActRun.Core.Initializers;
using ActRun.Core.Layers;
using ActRun.Core.Optimizers;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>
/// The runs of an experiment: every point of the sweep grid (first sweep key outermost) × every seed, in the
/// order results are written. Run i of each variant uses the i-th seed of the experiment (seed + i, or the
/// i-th of an explicit list), whatever the variant: variants are paired, so a difference between two variants
/// comes from the variant and not from luckier initial weights, and no run's seed depends on the parallelism,
/// on the shard or on where the run sits in a grown sweep.
/// </summary>
public sealed class ExperimentPlan
{
    private ExperimentPlan(ExperimentConfig config, IReadOnlyList<ConfigKey> swept, IReadOnlyList<Variant> variants, IReadOnlyList<PlannedRun> runs)
    {
        Config = config;
        SweptKeys = swept;
        Variants = variants;
        Runs = runs;
    }

    public ExperimentConfig Config { get; }
    public IReadOnlyList<ConfigKey> SweptKeys { get; }
    public IReadOnlyList<Variant> Variants { get; }
    public IReadOnlyList<PlannedRun> Runs { get; }

    /// <summary>The columns of the swept keys: each swept key's last segment, except activation (always a key column).</summary>
    public IReadOnlyList<string> SweepColumns => SweptKeys.Select(k => k.Column).Where(c => c != "activation").ToList();

    /// <summary>
    /// The columns that name a run's variant, in summary.csv and after run_id in every per-run file (runs.csv,
    /// metrics.csv, layers.csv, regions.csv): the activation, the dataset and the hidden layer widths always, then
    /// every other swept key in sweep order. The one definition of a result folder's key columns.
    /// </summary>
    public IReadOnlyList<string> KeyColumns => KeyConfigKeys(SweptKeys).Select(k => k.Column).ToList();

    /// <summary>The settings that are key columns whether swept or not, so every summary says which data and model it measured.</summary>
    private static readonly string[] AlwaysKeys = ["model.activation", "dataset.name", "model.hidden"];

    private static IReadOnlyList<ConfigKey> KeyConfigKeys(IReadOnlyList<ConfigKey> swept) =>
        [.. AlwaysKeys.Select(path => ConfigKeys.Find(path)!), .. swept.Where(k => !AlwaysKeys.Contains(k.Path))];

    public static ExperimentPlan Create(ExperimentConfig config)
    {
        var swept = SweptKeysOf(config);
        if (config.Tuned is not { } tuned) return Build(config, swept, VariantConfigs(config, swept), config.RunSeeds());
        // A tuned experiment: every variant at the setting its search chose (the tuned: section), named as without it.
        var tunedKeys = TunedKeys(config);
        return Build(config, [.. swept, .. tunedKeys], VariantConfigs(config, swept).Select(v =>
        {
            // A shard of a search chose for its own variants only: the others keep their settings as written (they are
            // not in its slice, see Shard), until merge joins the shards' tuned: sections.
            if (!tuned.TryGetValue(v.Variant.Label, out var point) && config.Tune is null)
                throw config.ErrorAt("tuned", $"tuned: no chosen setting for variant '{v.Variant.Label}'; tuned: lists {string.Join(", ", tuned.Keys)}.");
            var chosen = Apply(v.Config, point ?? []);
            return (v.Variant with { Keys = [.. v.Variant.Keys, .. tunedKeys.Select(k => (k.Column, k.Get(chosen)))] }, chosen);
        }), config.RunSeeds());
    }

    /// <summary>
    /// The runs of one round of a search: every variant at each of its candidate points (labelled with the point's
    /// columns, <c>relu lr=0.01</c>), trained for <paramref name="epochs"/> with the first <paramref name="seeds"/> seeds.
    /// </summary>
    public static ExperimentPlan CreateTrials(ExperimentConfig config, IReadOnlyList<ConfigKey> tunedKeys,
        IReadOnlyList<(int Variant, TunePoint Point)> trials, int epochs, int seeds)
    {
        var swept = SweptKeysOf(config);
        var bases = VariantConfigs(config, swept).ToList();
        var keys = KeyConfigKeys([.. swept, .. tunedKeys]);
        var points = trials.Select((t, i) =>
        {
            var (variant, variantConfig) = bases[t.Variant];
            var trialConfig = Apply(variantConfig, t.Point);
            trialConfig.Train.Epochs = epochs;
            var values = variant.Values.Concat(t.Point.Values.Select(v => new SweptValue(v.Key, ConfigKeys.Find(v.Key)!.Column, v.Value))).ToList();
            return (new Variant(i, values, trialConfig.Model.Activation) { Keys = keys.Select(k => (k.Column, k.Get(trialConfig))).ToList() }, trialConfig);
        });
        return Build(config, [.. swept, .. tunedKeys], points, config.RunSeeds().Take(seeds).ToList());
    }

    /// <summary>The keys a config's search covers (its tune: space, or the keys of its tuned: choices).</summary>
    public static IReadOnlyList<ConfigKey> TunedKeys(ExperimentConfig config) =>
        (config.Tune?.Space.Select(d => d.Key) ?? config.Tuned?.Values.SelectMany(p => p.Select(v => v.Key)) ?? []).Distinct()
        .Select(k => ConfigKeys.Find(k) ?? throw new ConfigException($"tune: unknown key '{k}'.")).ToList();

    private static ExperimentConfig Apply(ExperimentConfig variantConfig, IEnumerable<(string Key, string Value)> point)
    {
        var c = variantConfig.Clone();
        foreach (var (key, value) in point) ConfigKeys.SetText(c, ConfigKeys.Find(key)!, value, new ConfigOrigin($"tune {key}"));
        return c;
    }

    private static ExperimentConfig Apply(ExperimentConfig variantConfig, TunePoint point) => Apply(variantConfig, point.Values);

    private static List<ConfigKey> SweptKeysOf(ExperimentConfig config)
    {
        var swept = config.Sweep.Keys.Select(k => ConfigKeys.Find(k) ?? throw new ConfigException($"sweep: unknown key '{k}'.")).ToList();
        var columns = swept.GroupBy(k => k.Column).FirstOrDefault(g => g.Count() > 1);
        if (columns is not null)
            throw config.ErrorAt($"sweep:{columns.Last().Path}", $"sweep: '{string.Join("' and '", columns.Select(k => k.Path))}' would share the column '{columns.Key}'; sweep only one of them.");
        if (config.Tune is { } tune && tune.Space.FirstOrDefault(d => config.Sweep.ContainsKey(d.Key)) is { } both)
            throw config.ErrorAt("tune", $"tune: '{both.Key}' is both swept and tuned; a variant either fixes a setting (sweep) or searches it (tune), not both.");
        return swept;
    }

    private static ExperimentPlan Build(ExperimentConfig config, IReadOnlyList<ConfigKey> swept, IEnumerable<(Variant Variant, ExperimentConfig Config)> points,
        IReadOnlyList<ulong> seeds)
    {
        var variants = new List<Variant>();
        var runs = new List<PlannedRun>();
        foreach (var (variant, variantConfig) in points)
        {
            variants.Add(variant);
            var data = DataSpec.From(variantConfig);
            Check(variantConfig, variant, data);
            for (int s = 0; s < seeds.Count; s++)
                runs.Add(new PlannedRun(runs.Count, variant, s, Resolve(variantConfig, data, seeds[s]), data));
        }
        if (runs.Select(r => r.RunId).Distinct().Count() != runs.Count)
            throw config.ErrorAt($"sweep:{swept.LastOrDefault()?.Path}", "two runs of this experiment have the same settings and seed: a sweep lists one setting twice in different spellings.");
        CheckExpectations(config, variants);
        return new ExperimentPlan(config, swept, variants, runs);
    }

    /// <summary>Every point of the sweep grid: the variant and its config.</summary>
    private static IEnumerable<(Variant Variant, ExperimentConfig Config)> VariantConfigs(ExperimentConfig config, IReadOnlyList<ConfigKey> swept)
    {
        var keys = KeyConfigKeys(swept);
        int index = 0;
        foreach (var point in Grid(swept.Select(k => config.Sweep[k.Path]).ToList()))
        {
            var variantConfig = config.Clone();
            var values = new List<SweptValue>();
            for (int k = 0; k < swept.Count; k++)
            {
                ConfigKeys.SetText(variantConfig, swept[k], point[k], new ConfigOrigin($"sweep {swept[k].Path}"));
                values.Add(new SweptValue(swept[k].Path, swept[k].Column, point[k]));
            }
            // Values are stored canonical (as sweep values are), so a swept key's text here is its sweep value.
            var variant = new Variant(index++, values, variantConfig.Model.Activation)
            {
                Keys = keys.Select(k => (k.Column, k.Get(variantConfig))).ToList(),
            };
            yield return (variant, variantConfig);
        }
    }

    /// <summary>The <c>expect:</c> labels of a config that match none of its variants.</summary>
    public static IReadOnlyList<string> UnmatchedExpectations(ExperimentConfig config)
    {
        if (config.Expect.Count == 0) return [];
        var swept = config.Sweep.Keys.Select(k => ConfigKeys.Find(k) ?? throw new ConfigException($"sweep: unknown key '{k}'.")).ToList();
        var variants = VariantConfigs(config, swept).Select(v => v.Variant).ToList();
        return config.Expect.Keys.Where(label => !variants.Any(v => v.Matches(label))).ToList();
    }

    /// <summary>
    /// After the settings of <paramref name="asWritten"/> were changed into <paramref name="changed"/> (a value set or
    /// a sweep replaced), removes from <paramref name="changed"/> the <c>expect:</c> entries that matched a variant as
    /// written and match none now, and returns their labels: they are skipped, not wrong. An entry that matched no
    /// variant as written stays, and is an error when the plan is made.
    /// </summary>
    public static IReadOnlyList<string> SkipExpectationsLostTo(ExperimentConfig asWritten, ExperimentConfig changed)
    {
        var unmatchedAsWritten = UnmatchedExpectations(asWritten).ToHashSet();
        var skipped = UnmatchedExpectations(changed).Where(label => !unmatchedAsWritten.Contains(label)).ToList();
        foreach (string label in skipped) changed.Expect.Remove(label);
        return skipped;
    }

    /// <summary>The I-th (1-based) of N fixed slices of the runs: run k goes to slice k mod N, so slices are balanced over variants.</summary>
    /// A searched experiment (tune:) is cut by variant instead, variant k to slice k mod N: each variant's search and its
    /// comparison runs then stay in one shard, which can choose alone.
    public IReadOnlyList<PlannedRun> Shard(ShardSpec? shard) =>
        shard is null ? Runs
        : Config.Tune is not null ? Runs.Where(r => InShard(r.Variant.Index, shard)).ToList()
        : Runs.Where(r => r.Index % shard.Count == shard.Index - 1).ToList();

    /// <summary>Whether variant <paramref name="variant"/> (its index) belongs to a shard of a searched experiment.</summary>
    public static bool InShard(int variant, ShardSpec? shard) => shard is null || variant % shard.Count == shard.Index - 1;

    /// <summary>The same plan holding only some of its runs (a shard): files written from it cover those runs.</summary>
    public ExperimentPlan Restrict(IReadOnlyList<PlannedRun> runs) => new(Config, SweptKeys, Variants, runs);

    /// <summary>The settings a run trains with: "auto" output and initializer resolved, as the trainer would.</summary>
    private static RunSettings Resolve(ExperimentConfig c, DataSpec data, ulong seed)
    {
        string output = c.Model.Output == "auto" ? data.AutoOutput : c.Model.Output;
        string init = c.Model.Init == "auto" ? InitializerRegistry.DefaultFor(c.Model.Activation) : c.Model.Init;
        var train = new TrainSettings(c.Train.Epochs, c.Train.BatchSize, Optimizer(c.Train), c.Train.DivergenceFactor)
        {
            Schedule = LearningRateSchedule.Parse(c.Train.Schedule),
            Validation = new ValidationSettings(c.Train.ValidationFraction, c.Train.Monitor, c.Train.EarlyStopping, c.Train.ReduceLrOnPlateau),
        };
        var spec = c.Model.Layers is { } layers ? ModelSpec.Parse(layers) : ModelSpec.Shorthand(c.Model.Hidden, c.Model.Norm, c.Model.Dropout);
        return new RunSettings(new ModelSettings(spec.DenseWidths.ToArray(), c.Model.Activation, output, init) { Layers = spec }, train, seed);
    }

    private static OptimizerSettings Optimizer(TrainConfig t) => new(t.Optimizer, t.Lr, t.Momentum, t.OptimizerParameters);

    /// <summary>Checks that need several keys at once; the error points at where the offending key was written.</summary>
    private static void Check(ExperimentConfig c, Variant variant, DataSpec data)
    {
        string where = variant.Values.Count == 0 ? "" : $"variant '{variant.Label}': ";
        string At(string key) => variant.Values.Any(v => v.Key == key) ? $"sweep:{key}" : key;
        if (Optimizer(c.Train).Problem("train.") is { } optimizerProblem)
            throw c.ErrorAt(At("train." + optimizerProblem.Parameter.Name), where + optimizerProblem.Message);
        if (c.Model.Layers is not null && (c.Model.Norm != "none" || c.Model.Dropout != 0))
            throw c.ErrorAt(At(c.Model.Norm != "none" ? "model.norm" : "model.dropout"),
                $"{where}model.norm and model.dropout belong to the shorthand (model.hidden); with model.layers write the layers themselves, e.g. [dense(64), batch_norm, act, dropout(0.2)].");
        if (ValidationProblem(c) is var (key, message))
            throw c.ErrorAt(At(key), where + message);
        if (data.Spec.Kind == DatasetKind.Csv && data.Spec.ToCsvOptions().Task == TaskKind.Regression && c.Train.ValidationFraction > 0)
        {
            string? accuracy = c.Train.Monitor == "val_accuracy" ? "train.monitor"
                : c.Train.EarlyStopping?.Monitor == "val_accuracy" ? "train.early_stopping"
                : c.Train.ReduceLrOnPlateau?.Monitor == "val_accuracy" ? "train.reduce_lr_on_plateau" : null;
            if (accuracy is not null)
                throw c.ErrorAt(At(accuracy), $"{where}{accuracy} watches val_accuracy, but a regression has no accuracy; watch val_loss.");
        }
        if (data.Problem() is { } problem)
            throw c.ErrorAt(At(problem.Key), where + problem.Message);
        if (c.Baseline is { } baseline && BaselineCatalog.Problem(baseline, data) is { } baselineProblem)
            throw c.ErrorAt("baseline", where + baselineProblem);
    }

    /// <summary>A choice on validation without a validation split: the key that asks for it and what to do.</summary>
    private static (string Key, string Message)? ValidationProblem(ExperimentConfig c)
    {
        if (c.Train.ValidationFraction > 0) return null;
        string? key = c.Train.EarlyStopping is not null ? "train.early_stopping"
            : c.Train.ReduceLrOnPlateau is not null ? "train.reduce_lr_on_plateau"
            : c.Train.Monitor != ValidationSettings.DefaultMonitor ? "train.monitor" : null;
        return key is null ? null : (key, $"{key} watches the validation split, and there is none: set train.validation_fraction (e.g. 0.1), or leave {key} out.");
    }

    private static void CheckExpectations(ExperimentConfig config, IReadOnlyList<Variant> variants)
    {
        foreach (string label in config.Expect.Keys)
        {
            if (variants.Any(v => v.Matches(label))) continue;
            string hint = Suggest.Closest(label, variants.Select(v => v.Label)) is string s ? $" (did you mean '{s}'?)" : "";
            throw config.ErrorAt($"expect:{label}", $"expect: '{label}' matches no variant{hint}; variants: {string.Join(", ", variants.Select(v => v.Label))}");
        }
    }

    private static IEnumerable<string[]> Grid(IReadOnlyList<List<string>> axes)
    {
        IEnumerable<string[]> points = [[]];
        foreach (var axis in axes)
            points = points.SelectMany(p => axis.Select(v => (string[])[.. p, v])).ToList();
        return points;
    }
}

/// <summary><c>--shard I/N</c>: the I-th (1 ≤ I ≤ N) of N slices of a plan.</summary>
public sealed record ShardSpec(int Index, int Count)
{
    public static ShardSpec Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], out int i) && int.TryParse(parts[1], out int n) && n >= 1 && i >= 1 && i <= n)
            return new ShardSpec(i, n);
        throw new ConfigException($"--shard takes I/N with 1 <= I <= N (e.g. --shard 2/4), got '{text}'.");
    }

    public override string ToString() => $"{Index}/{Count}";
}
