using ActRun.Core.Engine;
using ActRun.Core.Layers;

namespace ActRun.Core.Optimizers;

/// <summary>An optimizer in the registry: its name, Keras's default learning rate, its update and how to make one.</summary>
public sealed record OptimizerEntry(string Name, double DefaultLearningRate, string Formula,
    Func<IReadOnlyList<Parameter>, OptimizerSettings, KernelTeam?, Optimizer> Create);

/// <summary>The optimizers by name; their hyper-parameters are in <see cref="OptimizerParameters"/>.</summary>
public static class OptimizerRegistry
{
    public static IReadOnlyList<OptimizerEntry> All { get; } =
    [
        new("sgd", 0.01, "v ← μ·v − lr·g; w ← w + v (nesterov: w ← w + μ·v − lr·g); plain w ← w − lr·g when μ = 0", (p, s, t) => new Sgd(p, s, t)),
        new("adam", 0.001, "m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; w ← w − lr·√(1−β2^t)/(1−β1^t)·m/(√v + ε)", (p, s, t) => new Adam(p, s, t)),
        new("adamw", 0.001, "w ← w − lr·λ·w, then the adam update", (p, s, t) => new Adam(p, s, t)),
        new("nadam", 0.001, "adam with Nesterov momentum and the momentum schedule μ_t = β1·(1 − 0.5·0.96^(0.004·t)) (Dozat 2016)", (p, s, t) => new Nadam(p, s, t)),
        new("rmsprop", 0.001, "s ← ρ·s + (1−ρ)·g²; w ← w − lr·g/√(s + ε) (centered: s − mean(g)²)", (p, s, t) => new RmsProp(p, s, t)),
        new("adagrad", 0.001, "a ← a + g²; w ← w − lr·g/√(a + ε), a starting at initial_accumulator", (p, s, t) => new Adagrad(p, s, t)),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(e => e.Name).ToArray();

    public static OptimizerEntry? Find(string name) => All.FirstOrDefault(e => e.Name == name);

    public static OptimizerEntry Get(string name) => Find(name)
        ?? throw new ConfigException($"Unknown optimizer '{name}'.{Suggest.DidYouMean(name, Names)} Known: {string.Join(", ", Names)}.");
}
