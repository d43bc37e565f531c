using ActRun.Core.Activations;

namespace ActRun.Core.Tests.Activations;

public class ActivationSpecTests
{
    [Theory]
    [InlineData("identity", "linear")]
    [InlineData("none", "linear")]
    [InlineData("ReLU", "relu")]
    [InlineData("LeakyReLU", "leaky_relu")]
    [InlineData("leakyrelu", "leaky_relu")]
    [InlineData("  Sigmoid ", "sigmoid")]
    [InlineData("swish", "silu")]
    [InlineData("SiLU", "silu")]
    [InlineData("hard_silu", "hard_swish")]
    [InlineData("Hardswish", "hard_swish")]
    [InlineData("Hardtanh", "hard_tanh")]
    [InlineData("hardsigmoid", "hard_sigmoid")]
    [InlineData("LogSigmoid", "log_sigmoid")]
    [InlineData("Tanhshrink", "tanh_shrink")]
    [InlineData("Softshrink(lambd=0.5)", "soft_shrink")]
    [InlineData("hard_shrink(threshold=0.7)", "hard_shrink(lambda=0.7)")]
    [InlineData("RReLU", "rrelu")]
    [InlineData("GELU(approximate=True)", "gelu(approximate=true)")]
    public void Alias_resolves_to_the_canonical_name(string text, string canonical) =>
        Assert.Equal(canonical, ActivationSpec.Parse(text).ToString());

    [Fact]
    public void Positional_first_parameter_becomes_named() =>
        Assert.Equal("leaky_relu(negative_slope=0.2)", ActivationSpec.Parse("leaky_relu(0.2)").ToString());

    [Fact]
    public void Default_valued_parameters_are_dropped_from_the_label() =>
        Assert.Equal("softplus(threshold=10)", ActivationSpec.Parse("Softplus(beta=1, threshold=10)").ToString());

    [Fact]
    public void Parameters_print_in_declaration_order_whatever_order_they_were_written_in() =>
        Assert.Equal("softplus(beta=2, threshold=10)", ActivationSpec.Parse("softplus(threshold=10, beta=2)").ToString());

    [Fact]
    public void Parameter_alias_resolves_to_the_canonical_parameter() =>
        Assert.Equal("leaky_relu(negative_slope=0.3)", ActivationSpec.Parse("leaky_relu(alpha=0.3)").ToString());

    [Fact]
    public void Spec_equality_compares_name_and_parameters()
    {
        Assert.Equal(ActivationSpec.Parse("elu(alpha=2)"), ActivationSpec.Parse("ELU(2)"));
        Assert.NotEqual(ActivationSpec.Parse("elu(alpha=2)"), ActivationSpec.Parse("elu(alpha=3)"));
        Assert.Equal(ActivationSpec.Parse("elu(2)").GetHashCode(), ActivationSpec.Parse("elu(alpha=2.0)").GetHashCode());
    }

    [Theory]
    [InlineData("rleu", "Unknown activation 'rleu'. Did you mean 'relu'?")]
    [InlineData("sigmod", "Unknown activation 'sigmod'. Did you mean 'sigmoid'?")]
    [InlineData("rleu(0.1)", "Unknown activation 'rleu'. Did you mean 'relu'?")]
    [InlineData("quux", "Unknown activation 'quux'.")]
    [InlineData("Hardtahn", "Unknown activation 'Hardtahn'. Did you mean 'Hardtanh'?")]
    [InlineData("leaky_rlu(0.2)", "Unknown activation 'leaky_rlu'. Did you mean 'leaky_relu'?")]
    public void Unknown_name_suggests_the_closest_known_name_when_one_is_close(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ConfigException>(() => ActivationRegistry.Create(text)).Message);

    [Theory]
    [InlineData("elu(alpha=-1)", "Parameter 'alpha' of activation 'elu' must be a number > 0; got '-1'.")]
    [InlineData("elu(alpha=abc)", "Parameter 'alpha' of activation 'elu' must be a number > 0; got 'abc'.")]
    [InlineData("elu(alpha=nan)", "Parameter 'alpha' of activation 'elu' must be a number > 0; got 'nan'.")]
    [InlineData("leaky_relu(slope=0.1)", "Unknown parameter 'slope' for activation 'leaky_relu'; allowed: negative_slope.")]
    [InlineData("tanh(0.1)", "Activation 'tanh' takes no parameters.")]
    [InlineData("elu(1, 2)", "Activation 'elu' takes at most 1 value(s): alpha.")]
    [InlineData("tanh(beta=1)", "Unknown parameter 'beta' for activation 'tanh' (it takes none).")]
    [InlineData("hard_tanh(min_val=1, max_val=-1)", "Invalid parameters for activation 'hard_tanh(min_val=1, max_val=-1)': min_val must be less than max_val.")]
    [InlineData("rrelu(lower=0.5, upper=0.25)", "Invalid parameters for activation 'rrelu(lower=0.5, upper=0.25)': lower must not exceed upper.")]
    [InlineData("relu(max_value=1, threshold=2)", "Invalid parameters for activation 'relu(max_value=1, threshold=2)': max_value must be greater than threshold.")]
    [InlineData("gelu(approximate=maybe)", "Parameter 'approximate' of activation 'gelu' must be true or false; got 'maybe'.")]
    [InlineData("elu(1, alpha=2)", "Activation 'elu' has parameter 'alpha' twice.")]
    public void Bad_parameter_is_a_config_error_naming_the_parameter_and_what_is_allowed(string text, string message) =>
        Assert.Equal(message, Assert.Throws<ConfigException>(() => ActivationRegistry.Create(text)).Message);

    [Theory]
    [InlineData("elu(")]
    [InlineData("elu(alpha=)")]
    [InlineData("elu(alpha=1")]
    [InlineData("elu(alpha=1))")]
    [InlineData("(alpha=1)")]
    [InlineData("elu(alpha=1, 2)")]
    [InlineData("el u")]
    public void Malformed_text_is_a_config_error_showing_the_expected_form(string text) =>
        Assert.Contains("as in leaky_relu(negative_slope=0.2)", Assert.Throws<ConfigException>(() => ActivationRegistry.Create(text)).Message);

    [Fact]
    public void Keras_none_for_max_value_means_no_limit() =>
        Assert.Equal("relu", ActivationSpec.Parse("relu(max_value=None)").ToString());

    [Fact]
    public void Create_from_a_spec_canonicalises_it() =>
        Assert.Equal("leaky_relu(negative_slope=0.2)",
            ActivationRegistry.Create(new ActivationSpec("LeakyReLU", [KeyValuePair.Create("alpha", 0.2)])).Spec.ToString());

    [Fact]
    public void A_list_of_specs_splits_and_creates_each()
    {
        var labels = ActivationRegistry.SplitList("relu, LeakyReLU(0.2), gelu(approximate=true), hard_tanh(-2, 2)")
            .Select(text => ActivationRegistry.Create(text).ToString());
        Assert.Equal(["relu", "leaky_relu(negative_slope=0.2)", "gelu(approximate=true)", "hard_tanh(min_val=-2, max_val=2)"], labels);
    }

    [Fact]
    public void Every_entry_documents_its_formula_range_and_parameters() =>
        Assert.All(ActivationRegistry.Entries, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Formula), e.Name);
            Assert.False(string.IsNullOrWhiteSpace(e.Range), e.Name);
            Assert.All(e.Parameters, p => Assert.False(string.IsNullOrWhiteSpace(p.Doc), $"{e.Name}.{p.Name}"));
            Assert.All(e.Parameters, p => Assert.True(p.Allows(p.Default), $"{e.Name}.{p.Name}: the default must be allowed"));
        });

    [Fact]
    public void Numbers_are_read_in_the_invariant_culture() =>
        Assert.Equal("elu(alpha=0.5)", ActivationSpec.Parse("elu(alpha=5e-1)").ToString());

    [Theory]
    [InlineData("relu,elu(alpha=1, x),tanh", new[] { "relu", "elu(alpha=1, x)", "tanh" })]
    [InlineData(" relu , , leaky_relu(0.2) ", new[] { "relu", "leaky_relu(0.2)" })]
    [InlineData("softplus(beta=2, threshold=10)", new[] { "softplus(beta=2, threshold=10)" })]
    public void SplitList_splits_on_top_level_commas_only(string list, string[] expected) =>
        Assert.Equal(expected, ActivationRegistry.SplitList(list));

    [Fact]
    public void Every_name_and_alias_is_unique_across_the_registry()
    {
        var all = ActivationRegistry.Entries.SelectMany(e => e.Aliases.Prepend(e.Name)).Select(n => n.ToLowerInvariant()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
    }

    [Fact]
    public void Canonical_names_are_snake_case() =>
        Assert.All(ActivationRegistry.Entries, e => Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", e.Name));

    [Fact]
    public void Selu_prefers_lecun_normal_initialisation_and_the_others_state_no_preference()
    {
        Assert.Equal("lecun_normal", ActivationRegistry.Find("selu")!.PreferredInitializer);
        Assert.Null(ActivationRegistry.Find("relu")!.PreferredInitializer);
    }
}
