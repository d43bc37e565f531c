using ActRun.Core.Data;

namespace ActRun.Core.Tests.Data;

public sealed class DataLocatorTests
{
    private const string Cwd = "/home/user/project";

    private static Func<string, string?> Env(string? value) =>
        name => name == DataLocator.EnvironmentVariable ? value : null;

    [Fact]
    public void Explicit_directory_wins_over_the_environment()
    {
        Assert.Equal("/explicit", DataLocator.Resolve("/explicit", Env("/from-env"), Cwd));
    }

    [Fact]
    public void Environment_variable_is_used_when_no_directory_is_given()
    {
        Assert.Equal("/from-env", DataLocator.Resolve(null, Env("/from-env"), Cwd));
    }

    [Fact]
    public void Default_is_data_under_the_current_directory()
    {
        Assert.Equal("/home/user/project/data", DataLocator.Resolve(null, Env(null), Cwd));
    }

    [Fact]
    public void Blank_values_count_as_not_given()
    {
        Assert.Equal("/home/user/project/data", DataLocator.Resolve("  ", Env(""), Cwd));
    }

    [Fact]
    public void Relative_paths_are_made_absolute_against_the_current_directory()
    {
        Assert.Equal("/home/user/project/datasets", DataLocator.Resolve("datasets", Env(null), Cwd));
        Assert.Equal("/home/user/shared", DataLocator.Resolve(null, Env("../shared"), Cwd));
    }
}
