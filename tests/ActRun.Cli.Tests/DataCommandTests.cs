using System.Text.Json;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Cli.Tests;

public class DataCommandTests
{
    [Fact]
    public void List_as_json_names_every_dataset_with_its_state()
    {
        string empty = CliRunner.TempDir();

        var result = CliRunner.Run("data", "list", "--data-dir", empty, "--format", "json");

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        Assert.Equal(["circles", "xor", "moons", "spiral", "blobs", "mnist", "fashion_mnist", "csv"], rows.Keys);
        Assert.Equal("no", rows["mnist"].GetProperty("present").GetString());
        Assert.Equal(Path.Combine(empty, "mnist"), rows["mnist"].GetProperty("location").GetString());
    }

    [Fact]
    public void Fetch_that_no_mirror_serves_is_a_data_error_saying_where_to_put_the_files()
    {
        string empty = CliRunner.TempDir();
        using var server = new LocalHttpServer(_ => HttpReply.NotFound);

        var result = CliRunner.Run("data", "fetch", "mnist", "--data-dir", empty, "--mirrors", server.Mirror("a") + "," + server.Mirror("b"));

        Assert.Equal(3, result.ExitCode);
        string last = result.Error.Trim().Split('\n')[^1];
        Assert.StartsWith("actrun: mnist: could not download train-images-idx3-ubyte.gz from any mirror", last);
        Assert.Contains($"in {Path.Combine(empty, "mnist")}{Path.DirectorySeparatorChar}", last);
        Assert.Contains("failed: HTTP 404 Not Found; trying the next mirror", result.Error);
        Assert.Equal("", result.Out);
        Assert.Empty(Directory.GetFileSystemEntries(empty));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public void Compare_fetches_a_missing_image_set_on_first_use()
    {
        string empty = CliRunner.TempDir();
        using var server = new LocalHttpServer(_ => HttpReply.NotFound);

        var result = CliRunner.Run("compare", "--dataset", "mnist", "--data-dir", empty, "--mirrors", server.Mirror("m"), "--out", Path.Combine(empty, "out"));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("mnist: not found; downloading it into", result.Error);
        Assert.NotEmpty(server.Requests);
        Assert.False(Directory.Exists(Path.Combine(empty, "out")));
    }

    [Fact]
    public void Compare_offline_never_asks_a_mirror()
    {
        string empty = CliRunner.TempDir();
        using var server = new LocalHttpServer(_ => HttpReply.NotFound);

        var result = CliRunner.Run("compare", "--dataset", "mnist", "--offline", "--data-dir", empty, "--mirrors", server.Mirror("m"), "--out", Path.Combine(empty, "out"));

        Assert.Equal(3, result.ExitCode);
        Assert.StartsWith($"actrun: mnist: missing {Path.Combine(empty, "mnist", "train-images-idx3-ubyte")}[.gz]", result.Error);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public void Verify_reports_each_file_and_fails_on_a_damaged_one()
    {
        string dir = CliRunner.TempDir();
        Directory.CreateDirectory(Path.Combine(dir, "mnist"));
        File.WriteAllBytes(Path.Combine(dir, "mnist", "t10k-labels-idx1-ubyte"), [0, 0, 8, 1]);

        var result = CliRunner.Run("data", "verify", "mnist", "--data-dir", dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("mismatch", result.Out);
        Assert.Contains("missing", result.Out);
        Assert.Equal("actrun: mnist: 4 of 4 files missing or not matching their published SHA-256. Run 'actrun data fetch mnist' to download them again.", result.Error.Trim());
    }

    [Fact]
    public void Path_of_an_absent_set_prints_where_it_goes_and_exits_3()
    {
        string empty = CliRunner.TempDir();

        var result = CliRunner.Run("data", "path", "mnist", "--data-dir", empty);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(Path.Combine(empty, "mnist"), result.Out.Trim());
    }

    [Theory]
    [InlineData("fetch", "circles", 2, "actrun: 'circles' is not a downloadable dataset; these are: mnist, fashion_mnist.")]
    [InlineData("verify", "mnsit", 2, "actrun: Unknown dataset 'mnsit'. Did you mean 'mnist'?")]
    public void Names_that_are_not_image_sets_are_usage_errors(string command, string name, int code, string message)
    {
        var result = CliRunner.Run("data", command, name, "--data-dir", CliRunner.TempDir());

        Assert.Equal(code, result.ExitCode);
        Assert.StartsWith(message, result.Error);
    }
}
