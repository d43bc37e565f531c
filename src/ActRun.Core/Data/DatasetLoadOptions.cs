namespace ActRun.Core.Data;

/// <summary>
/// What a dataset load needs besides the name. <see cref="DataDirectory"/> is the <c>--data-dir</c> value (or an
/// already resolved folder); null falls back to <c>$ACTRUN_DATA_DIR</c>, then <c>./data</c>
/// (<see cref="DataLocator"/>). <see cref="Seed"/> drives the toy generators; the subsets keep the first
/// samples of each split (null keeps all). <see cref="Standardisation"/>: a CSV file is standardised with these
/// statistics instead of its own training split's (a saved model evaluated on new data).
/// </summary>
public sealed record DatasetLoadOptions(
    string? DataDirectory = null,
    ulong Seed = 0,
    int? TrainSubset = null,
    int? TestSubset = null,
    Normalisation? Standardisation = null);
