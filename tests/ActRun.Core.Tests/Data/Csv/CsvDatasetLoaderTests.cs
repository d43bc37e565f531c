using ActRun.Core.Data;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Core.Tests.Data.Csv;

public sealed class CsvDatasetLoaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Write(string name, string text)
    {
        string path = _dir.Combine(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static Dataset Load(string spec, ulong seed = 1) => DatasetCatalog.Load(DatasetSpec.Parse(spec), new DatasetLoadOptions(Seed: seed));

    /// <summary>Ten rows: feature a = i, feature b = 2 i, label alternating between two names.</summary>
    private string TenRows() =>
        Write("ten.csv", "a,b,kind\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},{2 * i},{(i % 2 == 0 ? "even" : "odd")}\n")));

    [Fact]
    public void One_file_is_split_by_the_test_fraction_and_every_row_lands_in_one_split()
    {
        var data = Load($"csv(path={TenRows()}, test_fraction=0.3)");

        Assert.Equal(7, data.Train.Count);
        Assert.Equal(3, data.Test.Count);
        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal(2, data.ClassCount);
        Assert.Equal(TaskKind.Classification, data.Task);
    }

    [Fact]
    public void The_split_follows_the_seed()
    {
        // One class per row, so the test labels say which rows were held out.
        string path = Write("ids.csv", "x,id\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},{i}\n")));

        int[] HeldOut(ulong seed) => Load($"csv:{path}", seed).Test.Labels!;

        Assert.Equal(HeldOut(5), HeldOut(5));
        Assert.NotEqual(HeldOut(5), HeldOut(6));
        Assert.Equal(4, HeldOut(5).Length);
    }

    [Fact]
    public void Features_are_standardised_with_training_statistics_only()
    {
        string train = Write("train.csv", "x,y\n1,a\n3,b\n");
        string test = Write("test.csv", "x,y\n5,a\n");

        var data = Load($"csv:{train},{test}");

        // Training mean 2, population std 1: the training rows become -1 and 1, the test row (5 - 2) / 1.
        Assert.Equal([-1f, 1f], [data.Train.Features[0, 0], data.Train.Features[1, 0]]);
        Assert.Equal(3f, data.Test.Features[0, 0]);
    }

    [Fact]
    public void Integer_labels_are_classes_in_numeric_order_and_strings_in_ordinal_order()
    {
        string ints = Write("ints.csv", "x,label\n0,10\n1,9\n2,10\n3,100\n4,9\n");
        string texts = Write("texts.csv", "x,label\n0,b\n1,a\n2,c\n3,a\n4,b\n");

        var byInt = Load($"csv(path={ints}, test_fraction=0.2)");
        var byText = Load($"csv(path={texts}, test_fraction=0.2)");

        Assert.Equal(3, byInt.ClassCount);
        // 9 → 0, 10 → 1, 100 → 2; x identifies the row after standardising, so compare by the raw order.
        var intLabels = byInt.Train.Labels!.Concat(byInt.Test.Labels!).Order();
        Assert.Equal([0, 0, 1, 1, 2], intLabels);
        Assert.Equal([0, 0, 1, 1, 2], byText.Train.Labels!.Concat(byText.Test.Labels!).Order());
    }

    [Fact]
    public void Label_column_chooses_the_target_and_regression_keeps_it_numeric()
    {
        string path = Write("r.csv", "price,size,rooms\n100.5,50,2\n200,80,3\n150,60,2\n300,120,4\n250,100,3\n");

        var data = Load($"csv(path={path}, label_column=price, task=regression)");

        Assert.Equal(TaskKind.Regression, data.Task);
        Assert.Equal(["size", "rooms"], data.FeatureNames);
        Assert.Null(data.Train.Labels);
        // Standardised with the training rows' mean and std, so the order of all five targets is kept.
        var all = data.Train.Targets!.Concat(data.Test.Targets!).ToArray();
        Assert.Equal(5, all.Length);
        Assert.Equal(0, data.Train.Targets!.Average(), 5);
        Assert.Equal(1, Math.Sqrt(data.Train.Targets!.Average(t => t * t)), 5);
    }

    [Fact]
    public void Regression_targets_are_scaled_with_training_statistics_only()
    {
        string train = Write("train.csv", "x,y\n0,10\n1,30\n");
        string test = Write("test.csv", "x,y\n2,50\n");

        var data = Load($"csv(path={train}, test_path={test}, task=regression)");

        // Training mean 20, population std 10.
        Assert.Equal([-1f, 1f], data.Train.Targets!);
        Assert.Equal([3f], data.Test.Targets!);
    }

    [Theory]
    [InlineData("a,b,y\n1,2,x\n3,4\n", ":3: 2 fields, but the header has 3.")]
    // Mostly numbers: a stray text is a typo to fix (or a column to drop), not a category.
    [InlineData("a,b,y\n1,2,x\n3,four,z\n5,6,x\n7,8,z\n9,10,x\n11,12,z\n", ":3: feature column 'b' is 'four', not a finite number. Fix the value, or drop the column with --drop-columns b.")]
    [InlineData("a,b,y\n1,,x\n3,4,z\n", ":2: feature column 'b' is empty, not a finite number.")]
    [InlineData("", ": the file is empty.")]
    [InlineData("a,b,y\n", ": only a header line, no data rows.")]
    [InlineData("a,y\n1,x\n2,x\n", ": the label column 'y' has one value only ('x')")]
    [InlineData("a;b;y\n1;2;x\n", ":1: only the label column 'a;b;y'")]
    [InlineData("a,b,y\n1,2,x\n3,4,\"z\"q\n", ":3: malformed CSV")]
    public void Bad_file_is_a_data_error_naming_file_and_line(string text, string expected)
    {
        string path = Write("bad.csv", text);

        var e = Assert.Throws<DataException>(() => Load($"csv:{path}"));

        Assert.StartsWith(path + expected, e.Message);
    }

    [Fact]
    public void Non_numeric_regression_target_names_its_line()
    {
        string path = Write("r.csv", "x,y\n1,2\n2,3\n3,n/a\n");

        var e = Assert.Throws<DataException>(() => Load($"csv(path={path}, task=regression)"));

        Assert.StartsWith($"{path}:4: regression target column 'y' is 'n/a'", e.Message);
    }

    [Fact]
    public void Test_file_with_other_columns_is_a_data_error()
    {
        string train = Write("train.csv", "a,y\n1,x\n2,z\n");
        string test = Write("test.csv", "b,y\n1,x\n");

        var e = Assert.Throws<DataException>(() => Load($"csv:{train},{test}"));

        Assert.StartsWith($"{test}:1: the header (b,y) differs", e.Message);
    }

    [Fact]
    public void Missing_file_is_a_data_error_naming_it()
    {
        string path = _dir.Combine("nope.csv");

        var e = Assert.Throws<DataException>(() => Load($"csv:{path}"));

        Assert.Equal($"{path}: file not found.", e.Message);
    }

    [Fact]
    public void A_text_column_is_one_hot_encoded_over_the_training_categories_in_ordinal_order()
    {
        // Separate files, so the training rows are known: categories Paris, Oslo, Lyon (and "lyon", another text).
        string train = Write("train.csv", "size,city,y\n1,Paris,a\n2,Oslo,b\n3,Lyon,a\n4,Paris,b\n5,lyon,a\n");
        string test = Write("test.csv", "size,city,y\n6,Oslo,a\n7,Berlin,b\n");

        var data = Load($"csv:{train},{test}");

        Assert.Equal(["size", "city=Lyon", "city=Oslo", "city=Paris", "city=lyon"], data.FeatureNames);
        Assert.Equal(5, data.FeatureCount);
        float[] Row(DataSplit split, int i) => Enumerable.Range(0, 5).Select(j => split.Features[i, j]).ToArray();
        // The one-hot inputs stay 0 and 1 (not standardised); size is standardised as before (mean 3, std sqrt 2).
        Assert.Equal([0f, 0f, 1f, 0f], Row(data.Train, 0)[1..]);
        Assert.Equal([1f, 0f, 0f, 0f], Row(data.Train, 2)[1..]);
        Assert.Equal([0f, 0f, 0f, 1f], Row(data.Train, 4)[1..]);
        Assert.Equal((float)((1 - 3) / Math.Sqrt(2)), Row(data.Train, 0)[0], 5);
        Assert.Equal([0f, 1f, 0f, 0f], Row(data.Test, 0)[1..]);
        // Berlin is not among the training categories: all zeros.
        Assert.Equal([0f, 0f, 0f, 0f], Row(data.Test, 1)[1..]);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], data.Normalisation!.FeatureMeans!.Skip(1));
        Assert.Equal([1.0, 1.0, 1.0, 1.0], data.Normalisation!.FeatureStds!.Skip(1));
    }

    [Fact]
    public void With_one_file_the_categories_come_from_the_training_split_only()
    {
        // Twenty rows coloured red or blue, except that each held-out row gets a colour of its own: if the test rows
        // were looked at, only0.. would become inputs.
        string path = Write("one.csv", "x,colour,y\n" + string.Concat(Enumerable.Range(0, 20).Select(i => $"{i},red,{i % 2}\n")));
        var heldOutX = HeldOutX(path, 3);
        var edited = Enumerable.Range(0, 20).Select(i => $"{i},{(heldOutX.Contains(i) ? $"only{i}" : i % 2 == 0 ? "red" : "blue")},{i % 2}");
        string editedPath = Write("edited.csv", "x,colour,y\n" + string.Join("\n", edited) + "\n");

        var data = Load($"csv:{editedPath}", seed: 3);

        Assert.Equal(["x", "colour=blue", "colour=red"], data.FeatureNames);
        for (int i = 0; i < data.Test.Count; i++) Assert.Equal([0f, 0f], new[] { data.Test.Features[i, 1], data.Test.Features[i, 2] });
    }

    /// <summary>The x values of the rows the seeded split holds out, found with a numeric-only copy of the file (x is the label there).</summary>
    private HashSet<int> HeldOutX(string path, ulong seed)
    {
        var lines = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')[0]).ToList();
        string ids = Write("ids-of-" + Path.GetFileName(path), "z,x\n" + string.Concat(lines.Select(x => $"0,{x}\n")));
        var data = Load($"csv:{ids}", seed);
        return data.Test.Labels!.Select(label => int.Parse(data.ClassNames![label])).ToHashSet();
    }

    [Fact]
    public void Drop_columns_removes_them_and_is_part_of_the_spec()
    {
        string path = Write("d.csv", "id,date,a,b,y\n" + string.Concat(Enumerable.Range(0, 10).Select(i => $"{i},2024-01-{i + 1:00},{i},{2 * i},{i % 2}\n")));

        var data = Load($"csv(path={path}, drop_columns='id, date')");

        Assert.Equal(["a", "b"], data.FeatureNames);
        Assert.Equal($"csv(path={path}, drop_columns=\"id,date\")", DatasetSpec.Parse($"csv(path={path}, drop_columns='id, date')").ToString());
    }

    [Fact]
    public void A_text_column_with_a_value_per_row_is_refused_with_the_way_out()
    {
        string path = Write("dates.csv", "date,a,y\n" + string.Concat(Enumerable.Range(0, 30).Select(i => $"2024-01-{i + 1:00},{i},{i % 2}\n")));

        var e = Assert.Throws<DataException>(() => Load($"csv:{path}"));

        Assert.StartsWith($"{path}: text column 'date' has 24 different values in 24 training rows", e.Message);
        Assert.EndsWith("Drop it with --drop-columns date.", e.Message);
    }

    [Theory]
    [InlineData("dtae", "--drop-columns 'dtae' is not a column of", "Did you mean 'date'?")]
    [InlineData("y", "--drop-columns 'y' is the label column of", "choose another --label-column")]
    public void A_bad_drop_column_is_a_usage_error_naming_it(string drop, string start, string hint)
    {
        string path = Write("x.csv", "date,a,y\n1,2,3\n4,5,6\n");

        var e = Assert.Throws<ConfigException>(() => Load($"csv(path={path}, drop_columns={drop})"));

        Assert.StartsWith(start, e.Message);
        Assert.Contains(hint, e.Message);
    }

    [Fact]
    public void Dropping_every_feature_is_a_data_error()
    {
        string path = Write("x.csv", "date,y\n1,3\n4,6\n");

        var e = Assert.Throws<DataException>(() => Load($"csv(path={path}, drop_columns=date)"));

        Assert.Equal($"{path}: every column but the label 'y' is dropped; a dataset needs at least one feature column.", e.Message);
    }
}
