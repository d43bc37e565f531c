using ActRun.Core.Data;

namespace ActRun.Core.Tests.TestUtilities;

/// <summary>
/// A fact that needs real data in MNIST's layout: it shows as skipped, with the reason, when the files are not
/// found in the data directory (<c>$ACTRUN_DATA_DIR</c>, else <c>./data</c>) or the layout's system folders.
/// xunit 2 has no dynamic skip, so the check happens when the attribute is made.
/// </summary>
public sealed class MnistDataFactAttribute : FactAttribute
{
    public MnistDataFactAttribute(string layoutName)
    {
        MnistLayout layout = layoutName == MnistLayout.FashionMnist.Name ? MnistLayout.FashionMnist : MnistLayout.Mnist;
        string dataDirectory = DataLocator.Resolve(null);
        if (MnistLoader.TryFindFiles(layout, dataDirectory) is null)
            Skip = $"{layout.Name} files not found in {Path.Combine(dataDirectory, layout.Folder)}: set "
                + $"{DataLocator.EnvironmentVariable} to a folder with {layout.Folder}/ in it (here: /work/shared/data) to run this test.";
    }
}
