namespace ActRun.Cli.Tests.Docs;

/// <summary>The README and docs/ read the same on any machine, and every link between them lands somewhere.</summary>
public sealed class DocLinkTests
{
    /// <summary>Folders of a development machine that a reader does not have.</summary>
    private static readonly string[] MachinePaths = ["/work/", "/root/", "/home/", "../shared/"];

    [Fact]
    public void The_docs_name_no_folder_of_a_development_machine()
    {
        var found = (from file in DocFiles.All()
                     let lines = DocFiles.Read(file).Split('\n')
                     from i in Enumerable.Range(0, lines.Length)
                     from path in MachinePaths
                     where lines[i].Contains(path, StringComparison.Ordinal)
                     select $"{file}:{i + 1}: '{path}' in: {lines[i].Trim()}").ToList();
        Assert.True(found.Count == 0, "paths of a development machine (write a generic path such as $ACTRUN_DATA_DIR instead):\n" + string.Join("\n", found));
    }

    [Fact]
    public void Every_relative_link_points_at_an_existing_file_and_heading()
    {
        var broken = DocFiles.All().SelectMany(BrokenLinks).ToList();
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void The_readme_links_to_every_page_of_the_docs()
    {
        string readme = DocFiles.Read("README.md");
        var targets = DocFiles.Links(readme).Select(l => l.Target.Split('#')[0]).ToHashSet(StringComparer.Ordinal);
        var missing = DocFiles.All().Where(f => f != "README.md" && !targets.Contains(f)).ToList();
        Assert.True(missing.Count == 0, "pages the README's map does not link to: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_link_checker_finds_a_missing_file_a_missing_heading_and_accepts_github_anchors()
    {
        // The checker itself, on known text, so that the test above cannot pass by reading nothing.
        string text = "# Files written to `--out`\n## Your own data: `csv:PATH`\n### The ML.NET baseline: a linear reference\n" +
                      "## Options\n## Options\n```\n# not a heading\n```\n";
        var anchors = DocFiles.Anchors(text);
        Assert.Equal(new HashSet<string> { "files-written-to---out", "your-own-data-csvpath", "the-mlnet-baseline-a-linear-reference", "options", "options-1" }, anchors);

        var links = DocFiles.Links("see [a](docs/results.md#key-columns), `[b](nowhere.md)` and [c](https://example.com)\n").Select(l => l.Target);
        Assert.Equal(["docs/results.md#key-columns", "https://example.com"], links);

        Assert.Empty(Check("README.md", "[ok](docs/results.md#key-columns) [web](https://example.com) [self](#install)\n## Install\n"));
        Assert.Single(Check("README.md", "[file](docs/no-such-page.md)\n"));
        Assert.Single(Check("README.md", "[heading](docs/results.md#no-such-heading)\n"));
        Assert.Single(Check("docs/x.md", "[up](../README.md#no-such-heading)\n"));
    }

    private static IEnumerable<string> BrokenLinks(string file) => Check(file, DocFiles.Read(file));

    /// <summary>The links of <paramref name="text"/>, read as if it were <paramref name="file"/>, that point nowhere.</summary>
    private static IEnumerable<string> Check(string file, string text)
    {
        foreach (var (line, target) in DocFiles.Links(text))
        {
            if (target.Contains("://", StringComparison.Ordinal) || target.StartsWith("mailto:", StringComparison.Ordinal)) continue;
            string[] parts = target.Split('#', 2);
            string path = parts[0].Length == 0
                ? file
                : Path.GetRelativePath(DocFiles.RepoRoot, Path.GetFullPath(Path.Combine(DocFiles.RepoRoot, Path.GetDirectoryName(file) ?? "", parts[0]))).Replace('\\', '/');
            string full = Path.Combine(DocFiles.RepoRoot, path);
            string? targetText = path == file ? text : File.Exists(full) ? DocFiles.Read(path) : null;
            if (targetText is null && !Directory.Exists(full))
            {
                yield return $"{file}:{line}: {target}: no file {path}";
                continue;
            }
            if (parts.Length == 2 && path.EndsWith(".md", StringComparison.Ordinal) && !DocFiles.Anchors(targetText!).Contains(parts[1]))
                yield return $"{file}:{line}: {target}: {path} has no heading with the anchor #{parts[1]}";
        }
    }
}
