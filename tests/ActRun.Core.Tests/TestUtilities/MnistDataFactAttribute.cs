using ActRun.Core.Data;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// A fact that needs real data in MNIST's layout, found where <see cref="TestData.Directory"/> says (or in the
/// layout's system folders). Without the files it shows as skipped with the reason and the places looked in,
/// unless <c>$ACTRUN_REQUIRE_DATA</c> names the layout: then it runs and fails on the missing files.
/// xunit 2 has no dynamic skip, so the check happens when the attribute is made.
/// </summary>
public sealed class MnistDataFactAttribute : FactAttribute
{
    public MnistDataFactAttribute(string layoutName)
    {
        MnistLayout layout = layoutName == MnistLayout.FashionMnist.Name ? MnistLayout.FashionMnist : MnistLayout.Mnist;
        if (MnistLoader.TryFindFiles(layout, TestData.Directory) is not null || TestData.Required(layout.Name)) return;
        string[] places = [Path.Combine(TestData.Directory, layout.Folder), .. layout.SystemFolders];
        Skip = $"{layout.Name} files not found (looked in {string.Join(", ", places)}): set {DataLocator.EnvironmentVariable} to a folder "
            + $"with {layout.Folder}/ in it, or put the files in data/{layout.Folder}/ of the clone, to run this test.";
    }
}
