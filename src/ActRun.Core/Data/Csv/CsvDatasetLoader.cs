using System.Globalization;
using ActRun.Core.Engine;
using CsvHelper;
using CsvHelper.Configuration;

namespace ActRun.Core.Data.Csv;

/// <summary>
/// Reads the user's own table: one header line, then one sample per row. Every column but the label column (and
/// the dropped ones) is a feature: a number, or a text column one-hot encoded over the training rows' categories
/// (<see cref="FeatureEncoding"/>); the label is a class (any text or integer; classes are numbered in sorted order, integers
/// numerically) or, for regression, a number. Features (and a regression target) are standardised with the
/// training split's mean and standard deviation, so the test split never leaks into the scaling. A problem in the file is a
/// <see cref="DataException"/> naming file and line.
/// </summary>
public static class CsvDatasetLoader
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        TrimOptions = TrimOptions.Trim,
        IgnoreBlankLines = true,
        DetectDelimiter = false,
    };

    /// <summary>A read table: header and rows as text, with each row's line number for messages.</summary>
    private sealed record Table(string Path, string[] Header, List<string[]> Rows, List<int> Lines);

    /// <param name="given">Statistics to standardise with instead of the training split's own (a saved model's).</param>
    public static Dataset Load(CsvOptions options, ulong seed, string name, Normalisation? given = null)
    {
        var train = Read(options.Path);
        var test = options.TestPath is null ? null : Read(options.TestPath);
        if (test is not null && !test.Header.SequenceEqual(train.Header))
            throw new DataException(
                $"{test.Path}:1: the header ({string.Join(",", test.Header)}) differs from {train.Path}'s ({string.Join(",", train.Header)}). Give both files the same columns.");

        int labelIndex = LabelIndex(train, options.LabelColumn);
        var dropped = DroppedIndices(train, options.Dropped, labelIndex);
        int[] featureColumns = Enumerable.Range(0, train.Header.Length).Where(c => c != labelIndex && !dropped.Contains(c)).ToArray();
        if (featureColumns.Length == 0)
            throw new DataException(dropped.Count > 0
                ? $"{train.Path}: every column but the label '{train.Header[labelIndex]}' is dropped; a dataset needs at least one feature column."
                : $"{train.Path}:1: only the label column '{train.Header[labelIndex]}'; a dataset needs at least one feature column. (Columns are separated by commas; is this file separated by ';' or tabs?)");

        // The split is drawn before the features are encoded, so that text columns take their categories from the training rows only.
        int[]? order = null;
        int testCount = 0;
        if (test is null) (order, testCount) = SplitOrder(train.Rows.Count, options.TestFraction, seed);
        int[] trainRows = order?[testCount..] ?? Enumerable.Range(0, train.Rows.Count).ToArray();
        var encoding = FeatureEncoding.Create(train.Path, train.Header, train.Rows, featureColumns, trainRows);

        var tables = test is null ? [train] : new[] { train, test };
        var features = tables.Select(t => Features(t, encoding)).ToArray();
        var (labels, targets, classCount, classNames) = options.Task == TaskKind.Regression
            ? (null, tables.Select(t => Targets(t, labelIndex)).ToArray(), 0, null)
            : Classes(tables, labelIndex);

        DataSplit trainSplit, testSplit;
        if (test is null)
        {
            CheckSplit(train.Rows.Count, testCount, options.TestFraction, train.Path);
            var all = Split(features[0], labels?[0], targets?[0]);
            (trainSplit, testSplit) = (Gather(all, order![testCount..]), Gather(all, order[..testCount]));
        }
        else
        {
            trainSplit = Split(features[0], labels?[0], targets?[0]);
            testSplit = Split(features[1], labels?[1], targets?[1]);
        }

        var (mean, std) = given?.FeatureMeans is { } m && given.FeatureStds is { } s ? (m.ToArray(), s.ToArray()) : Statistics(trainSplit, encoding.IsOneHot);
        if (mean.Length != encoding.Width)
            throw new ConfigException($"{train.Path}: {encoding.Width} feature columns, but the model was standardised over {mean.Length}. Evaluate it on a file with the same columns (and the same categories in its text columns).");
        (trainSplit, testSplit) = (Scale(trainSplit, mean, std), Scale(testSplit, mean, std));
        var normalisation = new Normalisation(FeatureMeans: mean, FeatureStds: std);
        if (options.Task == TaskKind.Regression)
        {
            var (targetMean, targetStd) = given?.TargetMean is double tm && given.TargetStd is double ts ? (tm, ts) : TargetStatistics(trainSplit);
            (trainSplit, testSplit) = (ScaleTargets(trainSplit, targetMean, targetStd), ScaleTargets(testSplit, targetMean, targetStd));
            normalisation = normalisation with { TargetMean = targetMean, TargetStd = targetStd };
        }
        return new Dataset(name, options.Task, classCount, encoding.Names, trainSplit, testSplit)
        {
            Normalisation = normalisation,
            ClassNames = classNames,
        };
    }

    private static Table Read(string path)
    {
        // A path from a config file can hold a NUL character, which the file APIs reject with ArgumentException.
        if (path.Contains('\0')) throw new DataException($"'{path.Replace('\0', '?')}': not a usable path (it holds a NUL character).");
        // A folder is a wrong argument, not a broken dataset; reading it would report "access denied".
        if (Directory.Exists(path)) throw new ConfigException($"csv:{path} is a folder; give a CSV file.");
        try
        {
            using var reader = new StreamReader(path);
            using var parser = new CsvParser(reader, Configuration);
            if (!parser.Read() || parser.Record is not { } header)
                throw new DataException($"{path}: the file is empty. A CSV dataset needs a header line, then one row per sample.");
            var rows = new List<string[]>();
            var lines = new List<int>();
            while (parser.Read())
            {
                string[] record = parser.Record!;
                int line = parser.RawRow;
                if (record.Length != header.Length)
                    throw new DataException($"{path}:{line}: {record.Length} fields, but the header has {header.Length}. Every row needs one value per column.");
                rows.Add(record);
                lines.Add(line);
            }
            if (rows.Count == 0)
                throw new DataException($"{path}: only a header line, no data rows.");
            return new Table(path, header, rows, lines);
        }
        catch (FileNotFoundException)
        {
            throw new DataException($"{path}: file not found.");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DataException($"{path}: folder not found.");
        }
        catch (BadDataException e)
        {
            throw new DataException($"{path}:{e.Context?.Parser?.RawRow}: malformed CSV (a stray quote?).", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new DataException($"{path}: cannot be read ({e.Message}).", e);
        }
    }

    private static int LabelIndex(Table table, string? labelColumn)
    {
        if (labelColumn is null) return table.Header.Length - 1;
        int index = Array.IndexOf(table.Header, labelColumn);
        if (index < 0) index = Array.FindIndex(table.Header, h => string.Equals(h, labelColumn, StringComparison.OrdinalIgnoreCase));
        if (index < 0)
            throw new ConfigException(
                $"--label-column '{labelColumn}' is not a column of {table.Path}.{Suggest.DidYouMean(labelColumn, table.Header)} Columns: {string.Join(", ", table.Header)}.");
        return index;
    }

    /// <summary>The columns to leave out, each found by name (exactly, else ignoring case); the label cannot be one.</summary>
    private static HashSet<int> DroppedIndices(Table table, IReadOnlyList<string> names, int labelIndex)
    {
        var result = new HashSet<int>();
        foreach (string name in names)
        {
            int index = Array.IndexOf(table.Header, name);
            if (index < 0) index = Array.FindIndex(table.Header, h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
                throw new ConfigException(
                    $"--drop-columns '{name}' is not a column of {table.Path}.{Suggest.DidYouMean(name, table.Header)} Columns: {string.Join(", ", table.Header)}.");
            if (index == labelIndex)
                throw new ConfigException($"--drop-columns '{name}' is the label column of {table.Path}; choose another --label-column, or keep it.");
            result.Add(index);
        }
        return result;
    }

    private static float[] Features(Table table, FeatureEncoding encoding)
    {
        int width = encoding.Width;
        var values = new float[table.Rows.Count * width];
        for (int r = 0; r < table.Rows.Count; r++)
        {
            int at = r * width;
            foreach (var column in encoding.Columns)
            {
                if (column.Categories is null)
                    values[at] = (float)Number(table, r, column.Index, "feature");
                // A category the training rows never had sets no input: all zeros.
                else if (column.Categories.TryGetValue(table.Rows[r][column.Index], out int k))
                    values[at + k] = 1f;
                at += column.Width;
            }
        }
        return values;
    }

    private static float[] Targets(Table table, int labelIndex) =>
        Enumerable.Range(0, table.Rows.Count).Select(r => (float)Number(table, r, labelIndex, "regression target")).ToArray();

    private static double Number(Table table, int row, int column, string what)
    {
        string text = table.Rows[row][column];
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        string shown = text.Length == 0 ? "empty" : $"'{text}'";
        throw new DataException(
            $"{table.Path}:{table.Lines[row]}: {what} column '{table.Header[column]}' is {shown}, not a finite number. " +
            (what == "feature" ? $"Fix the value, or drop the column with --drop-columns {table.Header[column]}." : "Fix the value, or choose another --label-column."));
    }

    /// <summary>Class numbers over both files: integers in numeric order when every label is one, else texts in ordinal order.</summary>
    private static (int[][] Labels, float[][]? Targets, int ClassCount, IReadOnlyList<string> ClassNames) Classes(Table[] tables, int labelIndex)
    {
        foreach (var table in tables)
            for (int r = 0; r < table.Rows.Count; r++)
                if (table.Rows[r][labelIndex].Length == 0)
                    throw new DataException($"{table.Path}:{table.Lines[r]}: the label column '{table.Header[labelIndex]}' is empty.");

        var texts = tables.SelectMany(t => t.Rows.Select(row => row[labelIndex])).Distinct().ToList();
        bool integers = texts.All(t => long.TryParse(t, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
        var ordered = integers
            ? texts.OrderBy(t => long.Parse(t, CultureInfo.InvariantCulture)).ToList()
            : texts.OrderBy(t => t, StringComparer.Ordinal).ToList();
        if (ordered.Count < 2)
            throw new DataException(
                $"{tables[0].Path}: the label column '{tables[0].Header[labelIndex]}' has one value only ('{ordered[0]}'); classification needs two classes or more. For a numeric target use --task regression.");
        var index = ordered.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i);
        var labels = tables.Select(t => t.Rows.Select(row => index[row[labelIndex]]).ToArray()).ToArray();
        return (labels, null, ordered.Count, ordered);
    }

    private static DataSplit Split(float[] features, int[]? labels, float[]? targets)
    {
        int rows = labels?.Length ?? targets!.Length;
        return new DataSplit(new FloatFeatures(features, rows, features.Length / rows), labels, targets);
    }

    /// <summary>A seeded shuffle of the row numbers; the first <c>TestCount</c> of them are the test split.</summary>
    private static (int[] Order, int TestCount) SplitOrder(int n, double testFraction, ulong seed)
    {
        int testCount = (int)Math.Round(n * testFraction);
        int[] order = Enumerable.Range(0, n).ToArray();
        new Rng(Rng.Derive(seed, "csv-split")).Shuffle(order.AsSpan());
        return (order, testCount);
    }

    /// <summary>Checked after the rows were read, so that a bad value in a tiny file is reported first.</summary>
    private static void CheckSplit(int n, int testCount, double testFraction, string path)
    {
        if (testCount < 1 || testCount >= n)
            throw new DataException(
                $"{path}: {n} rows leave {testCount} for the test split at --test-fraction {testFraction.ToString(CultureInfo.InvariantCulture)}; both splits need at least one row. Add rows, or give a separate test file.");
    }

    private static DataSplit Gather(DataSplit split, int[] rows)
    {
        int c = split.Features.Columns;
        var values = new float[rows.Length * c];
        split.Features.CopyRows(rows, values);
        return new DataSplit(new FloatFeatures(values, rows.Length, c),
            split.Labels is null ? null : rows.Select(r => split.Labels[r]).ToArray(),
            split.Targets is null ? null : rows.Select(r => split.Targets[r]).ToArray());
    }

    /// <summary>
    /// Mean and std per column of the training split, for (x - mean) / std on both splits. A constant column
    /// keeps std 1 rather than dividing by zero. One-hot columns keep mean 0 and std 1: they stay 0 and 1, so an
    /// unseen category is all zeros in the network's input too.
    /// </summary>
    private static (double[] Mean, double[] Std) Statistics(DataSplit train, bool[] oneHot)
    {
        var features = train.Features;
        int n = features.Rows, c = features.Columns;
        var mean = new double[c];
        var variance = new double[c];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++) mean[j] += features[i, j];
        for (int j = 0; j < c; j++) mean[j] /= n;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++)
            {
                double d = features[i, j] - mean[j];
                variance[j] += d * d;
            }
        var std = variance.Select(v => Math.Sqrt(v / n) is var s && s > 0 ? s : 1.0).ToArray();
        for (int j = 0; j < c; j++)
            if (oneHot[j]) (mean[j], std[j]) = (0, 1);
        return (mean, std);
    }

    /// <summary>
    /// The regression target standardised like the features: with targets in the thousands, Adam's steps of
    /// about lr per epoch would barely move the output. The test loss is then in units of the target's training
    /// variance (1 means no better than predicting the mean).
    /// </summary>
    private static (double Mean, double Std) TargetStatistics(DataSplit train)
    {
        double mean = train.Targets!.Average(t => (double)t);
        double std = Math.Sqrt(train.Targets!.Average(t => (t - mean) * (t - mean))) is var s && s > 0 ? s : 1.0;
        return (mean, std);
    }

    private static DataSplit ScaleTargets(DataSplit split, double mean, double std) =>
        split with { Targets = split.Targets!.Select(t => (float)((t - mean) / std)).ToArray() };

    private static DataSplit Scale(DataSplit split, double[] mean, double[] std)
    {
        int n = split.Count, c = split.Features.Columns;
        var values = new float[n * c];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < c; j++) values[i * c + j] = (float)((split.Features[i, j] - mean[j]) / std[j]);
        return split with { Features = new FloatFeatures(values, n, c) };
    }
}
