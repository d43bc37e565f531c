using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ActRun.Core.Training;

namespace ActRun.Core.Experiments;

/// <summary>
/// One run of a plan: a variant trained with the seed at <see cref="SeedIndex"/>. <see cref="Settings"/> is fully
/// resolved (no "auto" left), and <see cref="RunId"/> is a short hash of those settings, the seed and the data.
/// </summary>
public sealed record PlannedRun(int Index, Variant Variant, int SeedIndex, RunSettings Settings, DataSpec Data)
{
    public ulong Seed => Settings.Seed;

    /// <summary>
    /// The first 12 hex digits of the SHA-256 of <see cref="Describe"/>: the same settings, seed and data give
    /// the same id on any machine, in any plan and at any position in it — which is what lets --resume recognise a
    /// finished run after the sweep grew.
    /// </summary>
    public string RunId { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Describe(Settings, Data))))[..12];

    /// <summary>
    /// Every input that determines a run's numbers, one <c>key=value</c> per line (the optimizer's text carries lr and
    /// momentum). The model's layers are listed only when they are not the plain dense stack of model.hidden, and the divergence factor
    /// and the validation settings only when they are not the defaults, so runs keep the ids they had before these were settings.
    /// </summary>
    public static string Describe(RunSettings settings, DataSpec data)
    {
        string?[] lines =
        [
            $"data={data.Key}",
            $"model.hidden=[{string.Join(",", settings.Model.Hidden)}]",
            settings.Model.Spec.IsPlain ? null : $"model.layers={settings.Model.Spec}",
            $"model.activation={settings.Model.Activation}",
            $"model.output={settings.Model.Output}",
            $"model.init={settings.Model.Init}",
            $"train.epochs={settings.Train.Epochs.ToString(CultureInfo.InvariantCulture)}",
            $"train.batch_size={settings.Train.BatchSize.ToString(CultureInfo.InvariantCulture)}",
            $"train.optimizer={settings.Train.Optimizer}",
            $"seed={settings.Seed.ToString(CultureInfo.InvariantCulture)}",
            settings.Train.DivergenceFactor == DivergenceRule.DefaultFactor ? null : $"train.divergence_factor={settings.Train.DivergenceFactor.ToString("R", CultureInfo.InvariantCulture)}",
            .. ValidationLines(settings.Train.Validation),
        ];
        return string.Join("\n", lines.OfType<string>());
    }

    /// <summary>The validation settings, only those that are not the defaults (off), so runs without validation keep their ids.</summary>
    private static IEnumerable<string?> ValidationLines(ValidationSettings v) =>
    [
        v.Enabled ? $"train.validation_fraction={v.Fraction.ToString("R", CultureInfo.InvariantCulture)}" : null,
        v.Monitor == ValidationSettings.DefaultMonitor ? null : $"train.monitor={v.Monitor}",
        v.EarlyStopping is { } e ? $"train.early_stopping={e}" : null,
        v.Plateau is { } p ? $"train.reduce_lr_on_plateau={p}" : null,
    ];

    /// <summary>The settings on one line, for runs.csv.</summary>
    public string SettingsLine => Describe(Settings, Data).Replace("\n", "; ");
}
