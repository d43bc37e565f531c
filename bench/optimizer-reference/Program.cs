// Produces the PyTorch reference sequences of OptimizerReferenceTests.cs with libtorch (TorchSharp).
// Each case runs 20 steps of one optimizer on a 5-element float32 parameter w0_i = 0.5 − 0.3·i with the fixed
// gradients g_{t,i} = 0.5·(i + 1)·sin(0.7·t + 1.3·i), t = 1..20 (set through the loss Σ w·g), and prints the
// parameter after steps 1, 2, 5, 10 and 20 as C# constants. Run: bench/optimizer-reference/run.sh (see there).
using TorchSharp;
using static TorchSharp.torch;

const int Size = 5, Steps = 20;
int[] printed = [1, 2, 5, 10, 20];

(string Name, Func<IEnumerable<TorchSharp.Modules.Parameter>, torch.optim.Optimizer> Make, double ClipNorm, double ClipValue)[] cases =
[
    ("sgd", p => optim.SGD(p, 0.1), 0, 0),
    ("sgd_momentum", p => optim.SGD(p, 0.1, momentum: 0.9), 0, 0),
    ("sgd_nesterov_wd", p => optim.SGD(p, 0.1, momentum: 0.9, nesterov: true, weight_decay: 0.01), 0, 0),
    ("sgd_momentum_clip_norm", p => optim.SGD(p, 0.1, momentum: 0.9), 1.0, 0),
    ("adam", p => optim.Adam(p, 0.01), 0, 0),
    ("adam_amsgrad_wd", p => optim.Adam(p, 0.01, amsgrad: true, weight_decay: 0.1), 0, 0),
    ("adam_clip_value", p => optim.Adam(p, 0.01), 0, 0.5),
    ("adamw", p => optim.AdamW(p, 0.01, weight_decay: 0.01), 0, 0),
    ("nadam", p => optim.NAdam(p, 0.01), 0, 0),
    ("rmsprop", p => optim.RMSProp(p, 0.01), 0, 0),
    ("rmsprop_centered_momentum", p => optim.RMSProp(p, 0.01, momentum: 0.9, centered: true), 0, 0),
    ("adagrad", p => optim.Adagrad(p, 0.1), 0, 0),
];

foreach (var (name, make, clipNorm, clipValue) in cases)
{
    var w = new TorchSharp.Modules.Parameter(torch.tensor(Enumerable.Range(0, Size).Select(i => 0.5f - 0.3f * i).ToArray()));
    var optimizer = make([w]);
    Console.WriteLine($"    // {name}");
    for (int t = 1; t <= Steps; t++)
    {
        var g = torch.tensor(Enumerable.Range(0, Size).Select(i => (float)(0.5 * (i + 1) * Math.Sin(0.7 * t + 1.3 * i))).ToArray());
        optimizer.zero_grad();
        (w * g).sum().backward();
        if (clipNorm > 0) torch.nn.utils.clip_grad_norm_([w], clipNorm);
        if (clipValue > 0) torch.nn.utils.clip_grad_value_([w], clipValue);
        optimizer.step();
        if (printed.Contains(t))
            Console.WriteLine($"    [{t}] = [{string.Join(", ", w.data<float>().ToArray().Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture) + "f"))}],");
    }
}

// The learning-rate schedules of LearningRateScheduleTests.cs: the rate of each of 10 epochs from a base rate of 1,
// the scheduler stepped once per epoch.
(string Name, Func<torch.optim.Optimizer, torch.optim.lr_scheduler.LRScheduler> Make)[] schedules =
[
    ("step(step_size=3, gamma=0.5)", o => torch.optim.lr_scheduler.StepLR(o, 3, 0.5)),
    ("exponential(gamma=0.9)", o => torch.optim.lr_scheduler.ExponentialLR(o, 0.9)),
    ("cosine(min_lr=0.1)", o => torch.optim.lr_scheduler.CosineAnnealingLR(o, 10, 0.1)),
    ("cosine(warmup=2)", o => torch.optim.lr_scheduler.SequentialLR(o,
        [torch.optim.lr_scheduler.LinearLR(o, 1.0 / 3, 1.0, 2), torch.optim.lr_scheduler.CosineAnnealingLR(o, 8, 0)], [2])),
    ("one_cycle", o => torch.optim.lr_scheduler.OneCycleLR(o, 1.0, total_steps: 10, cycle_momentum: false)),
];
foreach (var (name, make) in schedules)
{
    var w = new TorchSharp.Modules.Parameter(torch.zeros(1));
    var optimizer = optim.SGD([w], 1.0);
    var scheduler = make(optimizer);
    var rates = new List<double>();
    for (int epoch = 0; epoch < 10; epoch++)
    {
        rates.Add(optimizer.ParamGroups.First().LearningRate);
        optimizer.step();
        scheduler.step();
    }
    Console.WriteLine($"        {{ \"{name}\", [{string.Join(", ", rates.Select(r => r.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}] }},");
}
