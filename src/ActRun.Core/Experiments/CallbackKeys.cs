using ActRun.Core.Training;
using YamlDotNet.RepresentationModel;

namespace ActRun.Core.Experiments;

/// <summary>
/// The values of <c>train.early_stopping</c> and <c>train.reduce_lr_on_plateau</c>: <c>off</c>, <c>on</c> (Keras's
/// defaults) or a mapping of the callback's settings (each optional), as Keras names them. <c>mode: auto</c> is resolved
/// from the monitor (max for val_accuracy, min for val_loss), so the canonical text always says which.
/// </summary>
internal static class CallbackKeys
{
    private static readonly string[] Modes = ["auto", "min", "max"];

    public static EarlyStoppingSettings? EarlyStopping(YamlNode node, ConfigOrigin origin)
    {
        if (Switch(node, origin, "early_stopping") is bool on) return on ? Resolve(new EarlyStoppingSettings(), "auto") : null;
        var values = Read(node, origin, "early_stopping", ["monitor", "patience", "min_delta", "mode"]);
        var s = new EarlyStoppingSettings();
        if (values.TryGetValue("monitor", out var m)) s = s with { Monitor = ConfigKeys.OneOf(m, origin, ValidationSettings.Monitors) };
        if (values.TryGetValue("patience", out var p)) s = s with { Patience = (int)ConfigKeys.UnsignedInt(p, origin) };
        if (values.TryGetValue("min_delta", out var d)) s = s with { MinDelta = ConfigKeys.Number(d, origin, v => v >= 0, "a number >= 0") };
        return Resolve(s, values.TryGetValue("mode", out var mode) ? ConfigKeys.OneOf(mode, origin, Modes) : "auto");
    }

    public static PlateauSettings? Plateau(YamlNode node, ConfigOrigin origin)
    {
        if (Switch(node, origin, "reduce_lr_on_plateau") is bool on) return on ? Resolve(new PlateauSettings(), "auto") : null;
        var values = Read(node, origin, "reduce_lr_on_plateau", ["monitor", "factor", "patience", "min_delta", "cooldown", "min_lr", "mode"]);
        var s = new PlateauSettings();
        if (values.TryGetValue("monitor", out var m)) s = s with { Monitor = ConfigKeys.OneOf(m, origin, ValidationSettings.Monitors) };
        if (values.TryGetValue("factor", out var f)) s = s with { Factor = ConfigKeys.Number(f, origin, v => v is > 0 and < 1, "a factor in (0, 1)") };
        if (values.TryGetValue("patience", out var p)) s = s with { Patience = (int)ConfigKeys.UnsignedInt(p, origin) };
        if (values.TryGetValue("min_delta", out var d)) s = s with { MinDelta = ConfigKeys.Number(d, origin, v => v >= 0, "a number >= 0") };
        if (values.TryGetValue("cooldown", out var c)) s = s with { Cooldown = (int)ConfigKeys.UnsignedInt(c, origin) };
        if (values.TryGetValue("min_lr", out var l)) s = s with { MinLr = ConfigKeys.Number(l, origin, v => v >= 0, "a number >= 0") };
        return Resolve(s, values.TryGetValue("mode", out var mode) ? ConfigKeys.OneOf(mode, origin, Modes) : "auto");
    }

    private static EarlyStoppingSettings Resolve(EarlyStoppingSettings s, string mode) => s with { Mode = Mode(mode, s.Monitor) };
    private static PlateauSettings Resolve(PlateauSettings s, string mode) => s with { Mode = Mode(mode, s.Monitor) };

    private static string Mode(string mode, string monitor) => mode != "auto" ? mode : ValidationSettings.Maximizes(monitor) ? "max" : "min";

    /// <summary>on/true or off/false/none as a bool; null for anything else.</summary>
    private static bool? Switch(YamlNode node, ConfigOrigin origin, string key)
    {
        if (node is not YamlScalarNode) return null;
        string text = ConfigKeys.Text(node, origin, $"off, on, or a mapping of {key} settings").ToLowerInvariant();
        return text switch
        {
            "on" or "true" => true,
            "off" or "false" or "none" => false,
            _ => throw origin.Error($"expected off, on, or a mapping of {key} settings such as {{patience: 5}}, got '{text}'"),
        };
    }

    private static Dictionary<string, YamlNode> Read(YamlNode node, ConfigOrigin origin, string key, string[] known)
    {
        if (node is not YamlMappingNode map) throw origin.Error($"expected off, on, or a mapping of {key} settings such as {{patience: 5}}, got {ConfigKeys.Describe(node)}");
        var values = new Dictionary<string, YamlNode>();
        foreach (var (name, value) in map.Children)
        {
            string text = ConfigKeys.Text(name, origin, "a setting name");
            if (!known.Contains(text))
            {
                string hint = Suggest.Closest(text, known) is string s ? $" (did you mean '{s}'?)" : "";
                throw origin.Error($"{key}: unknown setting '{text}'{hint}; known: {string.Join(", ", known)}");
            }
            values[text] = value;
        }
        return values;
    }
}
