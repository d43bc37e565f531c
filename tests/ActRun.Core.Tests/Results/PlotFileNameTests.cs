using ActRun.Core.Results;

namespace ActRun.Core.Tests.Results;

public class PlotFileNameTests
{
    [Fact]
    public void Decision_region_files_are_named_by_variant_with_a_file_safe_label()
    {
        var files = ResultFolder.RegionsFiles(["relu", "leaky_relu(alpha=0.1)", "activation=relu lr=0.02", "x^2", "ReLU", "(*)"]);

        Assert.Equal(
            ["regions_relu.png", "regions_leaky_relu_alpha_0.1.png", "regions_activation_relu_lr_0.02.png", "regions_x_2.png", "regions_relu_2.png", "regions_variant.png"],
            files);
    }

    [Fact]
    public void Every_decision_region_file_and_the_grid_is_a_result_file_and_other_names_are_not()
    {
        var files = ResultFolder.RegionsFiles(["relu", "leaky_relu(alpha=0.1)", "activation=relu lr=0.02", "x^2", "relu"]);

        Assert.All(files.Append(ResultFolder.RegionsGridFile).Append("regions_1.png").Append("activations.png").Append("final_r2.png"),
            f => Assert.True(ResultFolder.IsResultFile(f), f));
        Assert.All(new[] { "regions_.png", "regions_my plot.png", "regions_Relu.png", "my_regions.png", "regions_relu.jpg" },
            f => Assert.False(ResultFolder.IsResultFile(f), f));
    }
}
