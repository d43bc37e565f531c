namespace ActRun.Core.Activations;

/// <summary>
/// Where an activation is typically used. Multi-class outputs use softmax, which is not element-wise and
/// is fused with the cross-entropy loss, so it is not in this catalog.
/// </summary>
[Flags]
public enum ActivationUse
{
    Hidden = 1,
    OutputBinary = 2,
    OutputMultiLabel = 4,
    OutputRegression = 8,
}
