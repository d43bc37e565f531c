using ActRun.Core.Layers;
using ActRun.Core.Optimizers;

namespace ActRun.Core.Tests.Optimizers;

/// <summary>
/// Each optimizer against PyTorch over 20 steps. The expected values were produced once with libtorch 2.10 through
/// TorchSharp 0.107 by bench/optimizer-reference/run.sh (Program.cs there): a 5-element float32 parameter
/// w0_i = 0.5 − 0.3·i gets the fixed gradients g_{t,i} = 0.5·(i + 1)·sin(0.7·t + 1.3·i), t = 1..20, and the
/// parameter is printed after steps 1, 2, 5, 10 and 20. ActRun's settings ask for PyTorch's form and defaults
/// (torch_epsilon, epsilon 1e-8, rho 0.99, initial_accumulator 0). Both compute in float32, with the operations in
/// another order, so they agree within a tolerance: |actual − expected| ≤ 1e-6·(1 + |expected|); the differences
/// measured are a few float32 ulps (up to 3e-7), ten of the twelve cases fail at 1e-7.
/// </summary>
public class OptimizerReferenceTests
{
    private const double Tolerance = 1e-6;

    /// <summary>ActRun's settings, PyTorch's optimizer, and the parameter after the given steps.</summary>
    public static TheoryData<string, string> Cases => new()
    {
        { "sgd", "sgd(lr=0.1)" },
        { "sgd_momentum", "sgd(lr=0.1, momentum=0.9)" },
        { "sgd_nesterov_wd", "sgd(lr=0.1, momentum=0.9, nesterov=true, weight_decay=0.01)" },
        { "sgd_momentum_clip_norm", "sgd(lr=0.1, momentum=0.9, clip_norm=1)" },
        { "adam", "adam(lr=0.01, epsilon=1E-08, torch_epsilon=true)" },
        { "adam_amsgrad_wd", "adam(lr=0.01, epsilon=1E-08, amsgrad=true, torch_epsilon=true, weight_decay=0.1)" },
        { "adam_clip_value", "adam(lr=0.01, epsilon=1E-08, torch_epsilon=true, clip_value=0.5)" },
        { "adamw", "adamw(lr=0.01, epsilon=1E-08, torch_epsilon=true, weight_decay=0.01)" },
        { "nadam", "nadam(lr=0.01, epsilon=1E-08)" },
        { "rmsprop", "rmsprop(lr=0.01, rho=0.99, epsilon=1E-08, torch_epsilon=true)" },
        { "rmsprop_centered_momentum", "rmsprop(lr=0.01, momentum=0.9, rho=0.99, epsilon=1E-08, centered=true, torch_epsilon=true)" },
        { "adagrad", "adagrad(lr=0.1, epsilon=1E-10, initial_accumulator=0, torch_epsilon=true)" },
    };

    private static readonly Dictionary<string, Dictionary<int, float[]>> Expected = new()
    {
        // torch.optim.SGD(lr=0.1)
        ["sgd"] = new()
        {
            [1] = [0.4677891f, 0.10907025f, -0.07633817f, -0.20126183f, -0.6065309f],
            [2] = [0.41851664f, 0.06633226f, 0.0371822f, -0.034808338f, -0.68441623f],
            [5] = [0.37614593f, 0.27333054f, 0.33040974f, -0.23963685f, -1.3101072f],
            [10] = [0.46672064f, 0.107340366f, -0.07452097f, -0.19650586f, -0.60637903f],
            [20] = [0.41611192f, 0.065965876f, 0.044102564f, -0.029139197f, -0.69215876f],
        },
        // torch.optim.SGD(lr=0.1, momentum=0.9)
        ["sgd_momentum"] = new()
        {
            [1] = [0.4677891f, 0.10907025f, -0.07633817f, -0.20126183f, -0.6065309f],
            [2] = [0.38952684f, -0.015504509f, 0.058477867f, 0.14405607f, -0.600294f],
            [5] = [0.067395605f, 0.004998413f, 1.0413252f, 0.804145f, -1.7969406f],
            [10] = [0.13583885f, 0.27177057f, 1.0500792f, 0.27684525f, -2.1641612f],
            [20] = [-0.02738555f, 0.18530591f, 1.4703649f, 0.7495772f, -2.5484996f],
        },
        // torch.optim.SGD(lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
        ["sgd_nesterov_wd"] = new()
        {
            [1] = [0.4378493f, 0.026853487f, -0.0548525f, -0.021637445f, -0.52107865f],
            [2] = [0.31690386f, -0.1282148f, 0.18018752f, 0.45596725f, -0.5917937f],
            [5] = [-0.018970681f, 0.09789232f, 1.3541952f, 0.84034115f, -2.2841415f],
            [10] = [0.12885064f, 0.16737439f, 0.9294266f, 0.39624375f, -1.8552665f],
            [20] = [-0.07076625f, 0.031969547f, 1.323617f, 0.9427164f, -2.1003933f],
        },
        // torch.optim.SGD(lr=0.1, momentum=0.9) after clip_grad_norm_(max_norm=1)
        ["sgd_momentum_clip_norm"] = new()
        {
            [1] = [0.48663655f, 0.16227567f, -0.090183355f, -0.31754887f, -0.66122216f],
            [2] = [0.45277283f, 0.10938313f, -0.031038309f, -0.16957383f, -0.6608394f],
            [5] = [0.32286322f, 0.09576678f, 0.34776345f, 0.12786962f, -1.0932611f],
            [10] = [0.35357234f, 0.19655077f, 0.3365149f, -0.08172222f, -1.2146776f],
            [20] = [0.28563893f, 0.15157807f, 0.50422454f, 0.12785584f, -1.3540392f],
        },
        // torch.optim.Adam(lr=0.01)
        ["adam"] = new()
        {
            [1] = [0.49f, 0.18999998f, -0.090000026f, -0.39000005f, -0.69000006f],
            [2] = [0.4801054f, 0.18076974f, -0.081348464f, -0.3800848f, -0.68961847f],
            [5] = [0.45455974f, 0.1790079f, -0.054211788f, -0.36528656f, -0.7101311f],
            [10] = [0.457329f, 0.18742292f, -0.052234214f, -0.3723438f, -0.71667814f],
            [20] = [0.4506475f, 0.18563914f, -0.046235282f, -0.36760446f, -0.72003853f],
        },
        // torch.optim.Adam(lr=0.01, amsgrad=True, weight_decay=0.1)
        ["adam_amsgrad_wd"] = new()
        {
            [1] = [0.49f, 0.18999998f, -0.090000026f, -0.39000005f, -0.69000006f],
            [2] = [0.48007277f, 0.18073735f, -0.081314415f, -0.3800826f, -0.6888239f],
            [5] = [0.453731f, 0.17825554f, -0.054126803f, -0.36480877f, -0.7085436f],
            [10] = [0.45031193f, 0.18544838f, -0.051854845f, -0.37061808f, -0.713226f],
            [20] = [0.431862f, 0.1811124f, -0.04536726f, -0.3633963f, -0.7125207f],
        },
        // torch.optim.Adam(lr=0.01) after clip_grad_value_(0.5)
        ["adam_clip_value"] = new()
        {
            [1] = [0.49f, 0.18999998f, -0.090000026f, -0.39000005f, -0.69000006f],
            [2] = [0.4801054f, 0.1800712f, -0.080408156f, -0.38000005f, -0.69052637f],
            [5] = [0.45455974f, 0.17819054f, -0.051142134f, -0.36509508f, -0.70710456f],
            [10] = [0.457329f, 0.1855388f, -0.048612393f, -0.37070096f, -0.71234995f],
            [20] = [0.4506475f, 0.18178466f, -0.041440807f, -0.36306757f, -0.71628535f],
        },
        // torch.optim.AdamW(lr=0.01, weight_decay=0.01)
        ["adamw"] = new()
        {
            [1] = [0.48995f, 0.18997999f, -0.08999003f, -0.38996005f, -0.68993f],
            [2] = [0.4800064f, 0.18073075f, -0.081329465f, -0.3800058f, -0.6894794f],
            [5] = [0.45431966f, 0.17891574f, -0.05417116f, -0.36509582f, -0.7097834f],
            [10] = [0.45686176f, 0.1872377f, -0.052168634f, -0.37196812f, -0.7159718f],
            [20] = [0.4497303f, 0.18526766f, -0.046124037f, -0.36686108f, -0.7186123f],
        },
        // torch.optim.NAdam(lr=0.01)
        ["nadam"] = new()
        {
            [1] = [0.4894355f, 0.18943547f, -0.08943551f, -0.38943553f, -0.68943554f],
            [2] = [0.48034257f, 0.18441786f, -0.07907672f, -0.3822404f, -0.6956426f],
            [5] = [0.4705324f, 0.20162559f, -0.059037656f, -0.38810754f, -0.7215522f],
            [10] = [0.48450622f, 0.19031501f, -0.080228105f, -0.38744646f, -0.6998608f],
            [20] = [0.4749522f, 0.18656126f, -0.072130255f, -0.3797668f, -0.7038246f],
        },
        // torch.optim.RMSprop(lr=0.01)
        ["rmsprop"] = new()
        {
            [1] = [0.40000004f, 0.1f, -6.7055225E-08f, -0.30000004f, -0.6000001f],
            [2] = [0.31617302f, 0.05728779f, 0.09791632f, -0.23560143f, -0.66420555f],
            [5] = [0.25733393f, 0.20535326f, 0.2419388f, -0.2989389f, -0.86575145f],
            [10] = [0.3557124f, 0.13219167f, 0.096075185f, -0.2988695f, -0.7188088f],
            [20] = [0.31459415f, 0.1281596f, 0.13767107f, -0.27423543f, -0.7475448f],
        },
        // torch.optim.RMSprop(lr=0.01, momentum=0.9, centered=True)
        ["rmsprop_centered_momentum"] = new()
        {
            [1] = [0.39949626f, 0.09949622f, 0.0005037142f, -0.29949626f, -0.5994963f],
            [2] = [0.22440517f, -0.034050357f, 0.18956381f, -0.14399889f, -0.57325304f],
            [5] = [-0.38617846f, -0.1125193f, 0.98181534f, 0.18190709f, -0.92611504f],
            [10] = [-0.6013164f, 0.0010504669f, 1.4781767f, 0.1680816f, -1.1545835f],
            [20] = [-1.0246587f, -0.071224004f, 2.0783143f, 0.39314786f, -1.3648815f],
        },
        // torch.optim.Adagrad(lr=0.1)
        ["adagrad"] = new()
        {
            [1] = [0.4f, 0.09999999f, -2.2351742E-08f, -0.30000004f, -0.6f],
            [2] = [0.31629857f, 0.057463054f, 0.097895995f, -0.23579095f, -0.6640157f],
            [5] = [0.25760746f, 0.20428495f, 0.24137695f, -0.29831487f, -0.8648489f],
            [10] = [0.35485736f, 0.13288903f, 0.09756301f, -0.29897803f, -0.7201888f],
            [20] = [0.31488553f, 0.12992585f, 0.13853355f, -0.27568692f, -0.7490639f],
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_pytorch_over_twenty_steps(string name, string settings)
    {
        var p = new Parameter("w", 5);
        for (int i = 0; i < 5; i++) p.Value[i] = 0.5f - 0.3f * i;
        var optimizer = Optimizer.Create(OptimizerSettings.Parse(settings), [p]);
        for (int t = 1; t <= 20; t++)
        {
            for (int i = 0; i < 5; i++) p.Gradient[i] = (float)(0.5 * (i + 1) * Math.Sin(0.7 * t + 1.3 * i));
            optimizer.Step();
            if (!Expected[name].TryGetValue(t, out var expected)) continue;
            for (int i = 0; i < 5; i++)
                Assert.True(Math.Abs(p.Value[i] - expected[i]) <= Tolerance * (1 + Math.Abs(expected[i])),
                    $"{name} step {t} element {i}: {p.Value[i]:R} vs PyTorch {expected[i]:R}");
        }
    }
}
