using System.Reflection;
using System.Text.RegularExpressions;
using ActRun.Core.Tests.TestUtilities;

namespace ActRun.Cli.Tests;

/// <summary>
/// The README's "What ActRun guarantees" table names the tests that check each promise. A promise is only as
/// good as its test: every name in the table must be a test (or a test class) that exists and is not skipped.
/// </summary>
public class ReadmeGuaranteesTests
{
    private static readonly Assembly CliTests = typeof(ReadmeGuaranteesTests).Assembly;
    private static readonly Assembly CoreTests = typeof(TestData).Assembly;

    /// <summary>Each test named in the table: the Core marker, the name as written, and the promise's row.</summary>
    public static IReadOnlyList<(bool Core, string Name, string Promise)> NamedTests(string readme)
    {
        var section = Regex.Match(readme, @"^## What ActRun guarantees\n(.*?)(?=^## )", RegexOptions.Multiline | RegexOptions.Singleline);
        Assert.True(section.Success, "docs/guarantees.md has no '## What ActRun guarantees' section");
        var named = new List<(bool, string, string)>();
        foreach (string line in section.Groups[1].Value.Split('\n'))
        {
            string[] cells = line.Split('|');
            if (cells.Length < 4 || cells[1].Trim() is "promise" or "---") continue;
            string promise = cells[1].Trim();
            foreach (Match m in Regex.Matches(cells[2], @"(Core\s+)?`([^`]+)`"))
                if (Regex.IsMatch(m.Groups[2].Value, @"^(\w+\.)*\w+Tests(\.\w+)?$"))
                    named.Add((m.Groups[1].Success, m.Groups[2].Value, promise.Length > 60 ? promise[..60] + "…" : promise));
        }
        return named;
    }

    [Fact]
    public void Every_test_the_guarantees_table_names_exists_and_is_not_skipped()
    {
        var named = NamedTests(File.ReadAllText(Path.Combine(TestData.RepositoryRoot, "docs", "guarantees.md")));
        Assert.True(named.Count >= 20, $"only {named.Count} test names read from the guarantees table: has its layout changed?");

        var problems = named.Select(n => Problem(n.Core ? CoreTests : CliTests, n.Name) is { } problem
                ? $"`{(n.Core ? "Core " : "")}{n.Name}` (promise \"{n.Promise}\"): {problem}"
                : null)
            .OfType<string>().ToList();

        Assert.True(problems.Count == 0, "README guarantees table:\n" + string.Join("\n", problems));
    }

    /// <summary>What is wrong with a name: null when it is a test method, or a class of tests, that runs.</summary>
    private static string? Problem(Assembly assembly, string name)
    {
        string where = assembly.GetName().Name!;
        Type? Find(string typeName) =>
            assembly.GetTypes().FirstOrDefault(t => t.FullName == typeName || t.FullName!.EndsWith("." + typeName, StringComparison.Ordinal));
        static List<MethodInfo> TestsOf(Type type) => type.GetMethods().Where(m => m.GetCustomAttribute<FactAttribute>() is not null).ToList();

        // "Namespace.Class" or "Class" names a class of tests; "Class.Method" one test.
        List<MethodInfo> tests;
        if (Find(name) is { } type)
        {
            tests = TestsOf(type);
            if (tests.Count == 0) return $"{type.FullName} in {where} has no tests";
        }
        else
        {
            int dot = name.LastIndexOf('.');
            if (dot < 0 || Find(name[..dot]) is not { } owner || TestsOf(owner).Count == 0)
                return $"{where} has no test class {name}{(dot < 0 ? "" : $" and no test class {name[..dot]}")}";
            var method = TestsOf(owner).FirstOrDefault(m => m.Name == name[(dot + 1)..]);
            if (method is null)
                return $"{owner.Name} in {where} has no test named {name[(dot + 1)..]} (its tests: {string.Join(", ", TestsOf(owner).Select(m => m.Name))})";
            tests = [method];
        }
        var skipped = tests.Where(m => m.GetCustomAttribute<FactAttribute>()!.Skip is not null).Select(m => m.Name).ToList();
        return skipped.Count == 0 ? null : $"skipped: {string.Join(", ", skipped)}";
    }

    [Fact]
    public void The_table_reader_finds_names_with_and_without_the_core_marker_and_ignores_other_code()
    {
        const string readme = "## What ActRun guarantees\n\n| promise | checked by |\n|---|---|\n" +
            "| one | `ATests.B`, Core `Fuzz.CTests` (yaml), `runs.csv`, `--out` |\n## Next\n| x | `DTests.E` |\n";

        var named = NamedTests(readme);

        Assert.Equal([(false, "ATests.B", "one"), (true, "Fuzz.CTests", "one")], named);
    }
}
