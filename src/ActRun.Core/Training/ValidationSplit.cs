using System.Globalization;
using ActRun.Core.Data;
using ActRun.Core.Engine;

namespace ActRun.Core.Training;

/// <summary>
/// Carves a validation split out of the training split. The rows depend only on the seed and the data, drawn from the
/// seed's own stream (<c>validation</c>), so every variant of a seed holds out the same rows. A classification is
/// stratified: each class gives round(fraction × its rows) of its rows, drawn within the class, so the validation
/// split keeps the classes' proportions; a regression draws round(fraction × rows) rows at random. Both parts keep
/// the rows' original order.
/// </summary>
public static class ValidationSplit
{
    public static (DataSplit Train, DataSplit Validation) Carve(Dataset data, double fraction, ulong seed)
    {
        if (fraction is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The validation fraction must be in (0, 1).");
        var split = data.Train;
        var rng = new Rng(Rng.Derive(seed, "validation"));
        var held = new bool[split.Count];
        string f = fraction.ToString("R", CultureInfo.InvariantCulture);
        if (split.Labels is { } labels)
        {
            var byClass = Enumerable.Range(0, split.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key);
            foreach (var rows in byClass)
            {
                int[] members = rows.ToArray();
                int take = (int)Math.Round(fraction * members.Length, MidpointRounding.AwayFromZero);
                if (take == 0 || take == members.Length)
                    throw new ConfigException(
                        $"The validation split ({f} of the training rows, per class) of '{data.Name}' leaves class {ClassName(data, rows.Key)} with " +
                        $"{(take == 0 ? "no validation row" : "no training row")}: it has {members.Length} training row{(members.Length == 1 ? "" : "s")}. " +
                        "Use a validation fraction that gives every class at least one row on each side, more training data, or validation_fraction 0 to switch validation off.");
                rng.Shuffle(members.AsSpan());
                foreach (int i in members.AsSpan(0, take)) held[i] = true;
            }
        }
        else
        {
            int[] all = Enumerable.Range(0, split.Count).ToArray();
            int take = (int)Math.Round(fraction * all.Length, MidpointRounding.AwayFromZero);
            if (take == 0 || take == all.Length)
                throw new ConfigException(
                    $"The validation split ({f} of the training rows) of '{data.Name}' leaves {(take == 0 ? "no validation row" : "no training row")} of its {all.Length}. " +
                    "Use a validation fraction that keeps rows on both sides, more training data, or validation_fraction 0 to switch validation off.");
            rng.Shuffle(all.AsSpan());
            foreach (int i in all.AsSpan(0, take)) held[i] = true;
        }
        int[] train = Enumerable.Range(0, split.Count).Where(i => !held[i]).ToArray();
        int[] validation = Enumerable.Range(0, split.Count).Where(i => held[i]).ToArray();
        return (Rows(split, train), Rows(split, validation));
    }

    private static string ClassName(Dataset data, int label) =>
        data.ClassNames is { } names && label < names.Count ? $"'{names[label]}'" : label.ToString(CultureInfo.InvariantCulture);

    /// <summary>The given rows of a split, in that order, as a new split.</summary>
    private static DataSplit Rows(DataSplit split, int[] rows)
    {
        float[]? targets = null;
        if (split.Targets is { } all)
        {
            // A regression split holds Targets.Length / Count values per row.
            int k = split.Count == 0 ? 0 : all.Length / split.Count;
            targets = new float[rows.Length * k];
            for (int i = 0; i < rows.Length; i++) all.AsSpan(rows[i] * k, k).CopyTo(targets.AsSpan(i * k, k));
        }
        return new DataSplit(new SelectedRows(split.Features, rows), split.Labels is { } labels ? rows.Select(r => labels[r]).ToArray() : null, targets);
    }
}
