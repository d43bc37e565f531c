using System.Text.RegularExpressions;

namespace ActRun.Cli.Tests.Docs;

/// <summary>README.md and docs/*.md of the checkout the tests were built from, and what their links point at.</summary>
public static partial class DocFiles
{
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>README.md and every Markdown file under docs/, as paths relative to the repository root ('/' separated).</summary>
    public static IReadOnlyList<string> All() =>
    [
        "README.md",
        .. Directory.EnumerateFiles(Path.Combine(RepoRoot, "docs"), "*.md", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal),
    ];

    public static string Read(string relative) => File.ReadAllText(Path.Combine(RepoRoot, relative)).Replace("\r\n", "\n");

    /// <summary>The lines outside fenced code blocks, with their 1-based numbers.</summary>
    public static IEnumerable<(int Number, string Line)> ProseLines(string text)
    {
        bool fence = false;
        int number = 0;
        foreach (string line in text.Split('\n'))
        {
            number++;
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                fence = !fence;
                continue;
            }
            if (!fence) yield return (number, line);
        }
    }

    /// <summary>
    /// The anchors GitHub gives a file's headings: the heading text lower-cased, each space a '-', everything but
    /// letters, digits, '-' and '_' dropped; a repeated anchor gets -1, -2, ...
    /// </summary>
    public static IReadOnlySet<string> Anchors(string text)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, line) in ProseLines(text))
        {
            var heading = Heading().Match(line);
            if (!heading.Success) continue;
            string anchor = ReferenceDocs.Anchor(heading.Groups[1].Value);
            int count = seen.GetValueOrDefault(anchor);
            seen[anchor] = count + 1;
            anchors.Add(count == 0 ? anchor : $"{anchor}-{count}");
        }
        return anchors;
    }

    /// <summary>Every Markdown link target of the text outside code blocks and code spans: ](target).</summary>
    public static IEnumerable<(int Number, string Target)> Links(string text) =>
        from line in ProseLines(text)
        from Match m in Link().Matches(CodeSpan().Replace(line.Line, ""))
        select (line.Number, m.Groups[1].Value);

    private static string FindRoot()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "ActRun.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no ActRun.sln above the test folder");
        return root;
    }

    [GeneratedRegex(@"^#{1,6}\s+(.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\(([^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();
}
