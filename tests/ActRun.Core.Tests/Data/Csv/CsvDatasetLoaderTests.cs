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
    [InlineData("a,b,y\n1,2,x\n3,four,z\n", ":3: feature column 'b' is 'four', not a finite number.")]
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
}
