namespace ActRun.Core.Experiments;

/// <summary>One trained candidate of a search: its variant, round, epochs, point and validation score.</summary>
/// <param name="Kept">Whether it went on to the next round (halving) or was chosen (the last round).</param>
public sealed record Trial(int Variant, int Round, int Epochs, TunePoint Point, double Score, bool Kept);

/// <summary>What a search found: every trial in order, and the point each variant chose.</summary>
public sealed record TuneOutcome(IReadOnlyList<Trial> Trials, IReadOnlyList<TunePoint> Chosen);

/// <summary>
/// Runs a search round by round, every variant at once (so one round is one batch of runs that can train in
/// parallel, resume and be sharded like any other). The trainer is a parameter: it trains each (variant, point) for
/// the round's epochs and returns the validation score, NaN for a run that diverged. Only validation scores ever
/// reach this class, so the test split cannot change a choice.
/// </summary>
public static class Tuner
{
    public delegate IReadOnlyList<double> Evaluate(int round, int epochs, IReadOnlyList<(int Variant, TunePoint Point)> runs);

    public static TuneOutcome Search(TuneSpec spec, int variants, IReadOnlyList<TunePoint> candidates, int epochs, Evaluate evaluate)
    {
        if (candidates.Count == 0) throw new ConfigException("tune: the search has no candidates (random search needs trials: N > 0).");
        var rounds = spec.Rounds(candidates.Count, epochs);
        // Each variant's surviving candidates, as indices into candidates (so ties break the same way everywhere).
        var alive = Enumerable.Range(0, variants).Select(_ => Enumerable.Range(0, candidates.Count).ToList()).ToList();
        var trials = new List<Trial>();
        for (int round = 0; round < rounds.Count; round++)
        {
            int roundEpochs = rounds[round].Epochs;
            var runs = alive.SelectMany((list, v) => list.Select(c => (v, c))).ToList();
            var scores = evaluate(round, roundEpochs, runs.Select(r => (r.v, candidates[r.c])).ToList());
            if (scores.Count != runs.Count) throw new InvalidOperationException($"tune: {runs.Count} trials trained, {scores.Count} scores returned.");
            int keep = round + 1 < rounds.Count ? rounds[round + 1].Candidates : 1;
            var next = new List<List<int>>();
            for (int v = 0; v < variants; v++)
            {
                var mine = runs.Select((r, i) => (r, score: scores[i])).Where(x => x.r.v == v).ToList();
                var ranked = mine.OrderBy(x => Rank(x.score, spec.LowerIsBetter)).ThenBy(x => x.r.c).Take(keep).Select(x => x.r.c).ToList();
                trials.AddRange(mine.Select(x => new Trial(v, round, roundEpochs, candidates[x.r.c], x.score, ranked.Contains(x.r.c))));
                next.Add(ranked.Order().ToList());
            }
            alive = next;
        }
        return new TuneOutcome(trials, alive.Select(list => candidates[list[0]]).ToList());
    }

    /// <summary>The sort key of a score: better first; NaN (a diverged run) after every finite score.</summary>
    private static double Rank(double score, bool lowerIsBetter) =>
        double.IsNaN(score) ? double.PositiveInfinity : lowerIsBetter ? score : -score;
}
