namespace ActRun.Core.Tests;

public sealed class SuggestTests
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
        Assert.Equal(expected, Suggest.Distance(a, b));
        Assert.Equal(expected, Suggest.Distance(b, a));
    }

    [Fact]
    public void A_name_that_would_be_entirely_rewritten_is_not_suggested()
    {
        // Two edits would rewrite the whole word: that is a different name, not a typo.
        Assert.Null(Suggest.Closest("ab", ["xo"]));
    }

    [Theory]
    [InlineData("rleu", "relu")]
    [InlineData("mnsit", "mnist")]
    [InlineData("SOFTMX", "softmax")]
    [InlineData("he_normla", "he_normal")]
    public void Typos_get_the_intended_name(string typo, string expected)
    {
        Assert.Equal(expected, Suggest.Closest(typo, ["relu", "mnist", "softmax", "he_normal", "tanh"]));
        Assert.Equal($" Did you mean '{expected}'?", Suggest.DidYouMean(typo, ["relu", "mnist", "softmax", "he_normal", "tanh"]));
    }

    [Fact]
    public void A_distant_word_gets_no_suggestion()
    {
        Assert.Null(Suggest.Closest("foo", ["log", "exp"]));
        Assert.Equal("", Suggest.DidYouMean("banana", ["relu"]));
    }
}
