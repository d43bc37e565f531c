using ActRun.Core.Data;
using ActRun.Core.Losses;
using ActRun.Core.Training;

namespace ActRun.Core.Models;

/// <summary>A saved model's mean loss and accuracy (NaN for regression) on one split of a dataset.</summary>
public sealed record ModelScore(string Model, string Dataset, string Split, int Samples, double Loss, double Accuracy);

/// <summary>
/// Evaluates a saved model on a dataset split exactly as training evaluated it: the same normalisation (the model's
/// own CSV statistics, not the new file's), the same Playground features, the same class numbering (by name for
/// CSV classes) and the same evaluation batches, so the model's own test split gives the numbers training reported.
/// </summary>
public static class ModelEvaluation
{
    public static IReadOnlyList<string> Splits { get; } = ["test", "train"];

    /// <summary>
    /// The dataset to evaluate on: <paramref name="datasetText"/> (default: the model's own), drawn with
    /// <paramref name="seed"/> (default: the model's data seed), with the model's features and CSV statistics.
    /// </summary>
    public static Dataset Load(ModelHeader header, string? datasetText, string? dataDirectory, ulong? seed)
    {
        var spec = DatasetSpec.Parse(datasetText ?? header.Dataset.Name);
        if (spec.Kind == DatasetKind.Toy && !Data.Toy.PlaygroundFeatures.IsDefault(header.Dataset.PlaygroundFeatures))
            spec = spec.WithFeatures(header.Dataset.PlaygroundFeatures);
        var n = header.Dataset.Normalisation;
        var standardisation = n.FeatureMean is null ? null : new Normalisation(1.0, n.FeatureMean, n.FeatureStd, n.TargetMean, n.TargetStd);
        return DatasetCatalog.Load(spec, new DatasetLoadOptions(dataDirectory, seed ?? header.Dataset.DataSeed, Standardisation: standardisation));
    }

    public static ModelScore Evaluate(SavedModel model, Dataset data, string split)
    {
        var header = model.Header;
        if (data.FeatureCount != header.Inputs)
            throw new ConfigException(
                $"{model.Path} takes {header.Inputs} input features ({Names(header.Dataset.FeatureNames)}) but '{data.Name}' has {data.FeatureCount} ({Names(data.FeatureNames)}); evaluate it on data with the same features.");
        // One-hot inputs (column=category) come from the categories of the data's own training rows: the same count
        // with other categories would feed the model the wrong inputs.
        if (header.Dataset.FeatureNames.Concat(data.FeatureNames).Any(n => n.Contains('=')) && !header.Dataset.FeatureNames.SequenceEqual(data.FeatureNames))
            throw new ConfigException(
                $"{model.Path} takes the inputs ({Names(header.Dataset.FeatureNames)}) but '{data.Name}' gives ({Names(data.FeatureNames)}); its text columns must have the same categories in the training rows.");
        string task = data.Task.ToString().ToLowerInvariant();
        if (task != header.Dataset.Task)
            throw new ConfigException($"{model.Path} was trained for {header.Dataset.Task}; '{data.Name}' is a {task} dataset.");
        var chosen = split switch
        {
            "test" => data.Test,
            "train" => data.Train,
            _ => throw new ConfigException($"--split: unknown split '{split}'; expected one of {string.Join(", ", Splits)}."),
        };
        chosen = Relabel(model, data, chosen);
        // The head is made for the model's classes, which a new file may not all have.
        var asTrained = data with { ClassCount = header.Dataset.ClassCount };
        var head = OutputHead.Create(header.OutputActivation, asTrained);
        if (head.OutputUnits(asTrained) != model.Network.Outputs)
            throw new ConfigException($"{model.Path} has {model.Network.Outputs} outputs, but its {header.OutputActivation} head needs {head.OutputUnits(asTrained)} on '{data.Name}'.");
        var (loss, accuracy) = Trainer.Evaluate(model.Network, head, chosen, new Trainer.Buffers(model.Network, asTrained));
        return new ModelScore(model.Path, data.Name, split, chosen.Count, loss, accuracy);
    }

    /// <summary>
    /// Classes numbered as the model numbered them: by name when both sides name them (a CSV file), else the numbers
    /// must be within the model's classes.
    /// </summary>
    private static DataSplit Relabel(SavedModel model, Dataset data, DataSplit split)
    {
        if (split.Labels is not { } labels) return split;
        var header = model.Header;
        if (header.Dataset.ClassNames is { } modelNames && data.ClassNames is { } dataNames)
        {
            var index = modelNames.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
            var map = dataNames.Select(name => index.TryGetValue(name, out int i)
                ? i
                : throw new DataException($"'{data.Name}' has the class '{name}', which {model.Path} never saw (its classes: {string.Join(", ", modelNames)}).")).ToArray();
            return split with { Labels = labels.Select(l => map[l]).ToArray() };
        }
        if (data.ClassCount > header.Dataset.ClassCount)
            throw new ConfigException($"'{data.Name}' has {data.ClassCount} classes; {model.Path} predicts {header.Dataset.ClassCount}.");
        return split;
    }

    private static string Names(IReadOnlyList<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{names[0]}, {names[1]}, …, {names[^1]}";
}
