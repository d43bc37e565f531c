using System.Globalization;
using System.Text.Json;
using CsvHelper;

namespace ActRun.Cli.Tests;

public class ActivationsCommandTests
{
    private static List<string[]> Csv(string text)
    {
        using var reader = new CsvReader(new StringReader(text), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read()) rows.Add(reader.Parser.Record!);
        return rows;
    }

    [Fact]
    public void Table_gives_values_and_exact_derivatives_as_csv()
    {
        var result = CliRunner.Run("activations", "table", "--names", "sigmoid,tanh,leaky_relu(0.2)", "--x", "-1,0,2");
        Assert.Equal(0, result.ExitCode);
        var rows = Csv(result.Out);
        Assert.Equal(["activation", "x", "y", "dy"], rows[0]);
        Assert.Equal(1 + 3 * 3, rows.Count);
        double At(string name, string x, int column) =>
            double.Parse(rows.Single(r => r[0] == name && r[1] == x)[column], CultureInfo.InvariantCulture);
        Assert.Equal(0.5, At("sigmoid", "0", 2), 6);
        Assert.Equal(0.25, At("sigmoid", "0", 3), 6);
        Assert.Equal(Math.Tanh(2), At("tanh", "2", 2), 6);
        Assert.Equal(1 - Math.Tanh(2) * Math.Tanh(2), At("tanh", "2", 3), 6);
        Assert.Equal(-0.2, At("leaky_relu(negative_slope=0.2)", "-1", 2), 6);
        Assert.Equal(0.2, At("leaky_relu(negative_slope=0.2)", "-1", 3), 6);
    }

    [Fact]
    public void Table_range_includes_both_ends_and_takes_expressions()
    {
        var result = CliRunner.Run("activations", "table", "--names", "x^2", "--range", "-1:1:0.5");
        Assert.Equal(0, result.ExitCode);
        var rows = Csv(result.Out).Skip(1).ToList();
        Assert.Equal(["-1", "-0.5", "0", "0.5", "1"], rows.Select(r => r[1]));
        Assert.Equal(["-2", "-1", "0", "1", "2"], rows.Select(r => r[3]));
    }

    [Theory]
    [InlineData(new[] { "activations", "table", "--names", "relu" }, "exactly one of --range")]
    [InlineData(new[] { "activations", "table", "--names", "relu", "--range", "1:0:0.1" }, "TO at least FROM")]
    [InlineData(new[] { "activations", "table", "--names", "relu", "--x", "1,a" }, "--x takes numbers")]
    [InlineData(new[] { "activations", "table", "--names", "x*sigmoid(1.5*x", "--x", "1" }, "column 16: expected ')'")]
    [InlineData(new[] { "activations", "plot", "--names", "relu", "--out", "/nonexistent-folder/a.png" }, "does not exist")]
    public void Bad_input_is_one_line_and_exit_2(string[] args, string message)
    {
        var result = CliRunner.Run(args);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error);
        Assert.Single(result.Error.Trim().Split('\n'));
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void List_as_json_has_every_catalog_entry_with_its_facts()
    {
        var result = CliRunner.Run("activations", "list", "--format", "json");
        Assert.Equal(0, result.ExitCode);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(0.25, rows["sigmoid"].GetProperty("max_derivative").GetDouble());
        Assert.Equal(1, rows["tanh"].GetProperty("max_derivative").GetDouble());
        Assert.True(rows["tanh"].GetProperty("zero_centred").GetBoolean());
        Assert.False(rows["relu"].GetProperty("zero_centred").GetBoolean());
        Assert.Equal("lecun_normal", rows["selu"].GetProperty("preferred_init").GetString());
        Assert.Contains("negative_slope=0.01", rows["leaky_relu"].GetProperty("parameters").GetString());
        Assert.Equal("output", rows["softmax"].GetProperty("kind").GetString());
        Assert.True(rows.Count >= 30, $"{rows.Count} entries");
    }

    [Fact]
    public void List_csv_has_one_header_and_a_row_per_entry()
    {
        var json = JsonDocument.Parse(CliRunner.Run("activations", "list", "--format", "json").Out).RootElement.GetArrayLength();
        var rows = Csv(CliRunner.Run("activations", "list", "--format", "csv").Out);
        Assert.Equal("name", rows[0][0]);
        Assert.Equal(json + 1, rows.Count);
    }

    [Fact]
    public void Plot_writes_a_png()
    {
        string path = Path.Combine(CliRunner.TempDir(), "act.png");
        var result = CliRunner.Run("activations", "plot", "--names", "relu,tanh,x*sigmoid(x)", "--out", path);
        Assert.True(result.ExitCode == 0, result.Error);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        Assert.True(bytes.Length > 10_000);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public void Compare_trains_an_expression_and_a_parameterised_activation_with_canonical_labels()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "-a", "x * sigmoid(1.5*x),LeakyReLU(0.2),prelu", "--epochs", "2", "--out", dir, "--format", "csv");
        Assert.True(result.ExitCode == 0, result.Error);
        var labels = Csv(result.Out).Skip(1).Select(r => r[0]).ToList();
        Assert.Equal(["x*sigmoid(1.5*x)", "leaky_relu(negative_slope=0.2)", "prelu"], labels);
    }

    [Fact]
    public void Log_of_x_diverges_and_is_reported_not_crashed()
    {
        string dir = CliRunner.TempDir();
        var result = CliRunner.Run("compare", "-a", "relu,log(x)", "--epochs", "3", "--out", dir, "--format", "csv");
        Assert.Equal(0, result.ExitCode);
        var csv = Csv(result.Out);
        int status = Array.IndexOf(csv[0], "status");
        var rows = csv.Skip(1).ToDictionary(r => r[0], r => r[status]);
        Assert.Equal("ok", rows["relu"]);
        Assert.Equal("diverged: 1/1 runs at epoch 1", rows["log(x)"]);
    }
}
