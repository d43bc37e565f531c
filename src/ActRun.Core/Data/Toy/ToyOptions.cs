namespace ActRun.Core.Data.Toy;

/// <summary>
/// The settings of a toy generator. <see cref="Noise"/> is the standard deviation of the Gaussian noise added
/// to each coordinate of a point drawn from the clean shape; the label is the clean point's, so noise that
/// pushes a point across the boundary is label noise, as in scikit-learn and TensorFlow Playground.
/// </summary>
public sealed record ToyOptions(double Noise, int TrainSize = ToyOptions.DefaultTrainSize, int TestSize = ToyOptions.DefaultTestSize)
{
    public const int DefaultTrainSize = 1000;
    public const int DefaultTestSize = 500;

    /// <summary>Throws a <see cref="ConfigException"/> naming the setting when a value cannot be used.</summary>
    public void Validate(string generator)
    {
        if (!double.IsFinite(Noise) || Noise < 0)
            throw new ConfigException($"{generator}: noise must be a finite number >= 0, not {Noise}.");
        if (TrainSize <= 0)
            throw new ConfigException($"{generator}: train_size must be a positive number of points, not {TrainSize}.");
        if (TestSize <= 0)
            throw new ConfigException($"{generator}: test_size must be a positive number of points, not {TestSize}.");
    }
}
