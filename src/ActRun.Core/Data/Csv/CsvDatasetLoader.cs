using System.Globalization;
using ActRun.Core.Engine;
using CsvHelper;
using CsvHelper.Configuration;

namespace ActRun.Core.Data.Csv;

/// <summary>
/// Reads the user's own table: one header line, then one sample per row. Every column but the label column is a
/// numeric feature; the label is a class (any text or integer; classes are numbered in sorted order, integers
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
        int[] featureColumns = Enumerable.Range(0, train.Header.Length).Where(c => c != labelIndex).ToArray();
        if (featureColumns.Length == 0)
            throw new DataException($"{train.Path}:1: only the label column '{train.Header[labelIndex]}'; a dataset needs at least one feature column. (Columns are separated by commas; is this file separated by ';' or tabs?)");

        var tables = test is null ? [train] : new[] { train, test };
        var features = tables.Select(t => Features(t, featureColumns)).ToArray();
        var (labels, targets, classCount, classNames) = options.Task == TaskKind.Regression
            ? (null, tables.Select(t => Targets(t, labelIndex)).ToArray(), 0, null)
            : Classes(tables, labelIndex);

        DataSplit trainSplit, testSplit;
        if (test is null)
        {
            var all = Split(features[0], labels?[0], targets?[0]);
            (trainSplit, testSplit) = SplitRows(all, options.TestFraction, seed, train.Path);
        }
        else
        {
            trainSplit = Split(features[0], labels?[0], targets?[0]);
            testSplit = Split(features[1], labels?[1], targets?[1]);
        }

        var (mean, std) = given?.FeatureMeans is { } m && given.FeatureStds is { } s ? (m.ToArray(), s.ToArray()) : Statistics(trainSplit);
        if (mean.Length != featureColumns.Length)
            throw new ConfigException($"{train.Path}: {featureColumns.Length} feature columns, but the model was standardised over {mean.Length}. Evaluate it on a file with the same columns.");
        (trainSplit, testSplit) = (Scale(trainSplit, mean, std), Scale(testSplit, mean, std));
        var normalisation = new Normalisation(FeatureMeans: mean, FeatureStds: std);
        if (options.Task == TaskKind.Regression)
        {
            var (targetMean, targetStd) = given?.TargetMean is double tm && given.TargetStd is double ts ? (tm, ts) : TargetStatistics(trainSplit);
            (trainSplit, testSplit) = (ScaleTargets(trainSplit, targetMean, targetStd), ScaleTargets(testSplit, targetMean, targetStd));
            normalisation = normalisation with { TargetMean = targetMean, TargetStd = targetStd };
        }
        return new Dataset(name, options.Task, classCount, featureColumns.Select(c => train.Header[c]).ToArray(), trainSplit, testSplit)
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

    private static float[] Features(Table table, int[] columns)
    {
        var values = new float[table.Rows.Count * columns.Length];
        for (int r = 0; r < table.Rows.Count; r++)
            for (int j = 0; j < columns.Length; j++)
                values[r * columns.Length + j] = (float)Number(table, r, columns[j], "feature");
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
            $"{table.Path}:{table.Lines[row]}: {what} column '{table.Header[column]}' is {shown}, not a finite number. Fix the value, or choose another --label-column.");
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

    /// <summary>A seeded shuffle, then the first rows are the test split.</summary>
    private static (DataSplit Train, DataSplit Test) SplitRows(DataSplit all, double testFraction, ulong seed, string path)
    {
        int n = all.Count;
        int testCount = (int)Math.Round(n * testFraction);
        if (testCount < 1 || testCount >= n)
            throw new DataException(
                $"{path}: {n} rows leave {testCount} for the test split at --test-fraction {testFraction.ToString(CultureInfo.InvariantCulture)}; both splits need at least one row. Add rows, or give a separate test file.");
        int[] order = Enumerable.Range(0, n).ToArray();
        new Rng(Rng.Derive(seed, "csv-split")).Shuffle(order.AsSpan());
        return (Gather(all, order[testCount..]), Gather(all, order[..testCount]));
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
    /// keeps std 1 rather than dividing by zero.
    /// </summary>
    private static (double[] Mean, double[] Std) Statistics(DataSplit train)
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
