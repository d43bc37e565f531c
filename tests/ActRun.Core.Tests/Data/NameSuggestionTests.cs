using ActRun.Core.Data;

namespace ActRun.Core.Tests.Data;

public sealed class NameSuggestionTests
{
    [Theory]
    [InlineData("mnist", "mnist", 0)]
    [InlineData("mnsit", "mnist", 1)] // neighbour swap counts once
    [InlineData("mnst", "mnist", 1)]
    [InlineData("minst", "mnist", 1)]
    [InlineData("xor", "blobs", 4)]
    [InlineData("", "xor", 3)]
    public void Distance_counts_insertions_deletions_substitutions_and_swaps(string a, string b, int expected)
    {
        Assert.Equal(expected, NameSuggestion.Distance(a, b));
        Assert.Equal(expected, NameSuggestion.Distance(b, a));
    }

    [Fact]
    public void A_name_that_would_be_entirely_rewritten_is_not_suggested()
    {
        // Two edits would rewrite the whole word: that is a different name, not a typo.
        Assert.Null(NameSuggestion.Closest("ab", ["xo"]));
    }
}
