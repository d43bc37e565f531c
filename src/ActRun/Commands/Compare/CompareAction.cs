using System.CommandLine;
using System.Globalization;
using ActRun.Console;
using ActRun.Core;
using ActRun.Core.Activations;
using ActRun.Core.Data;
using ActRun.Core.Data.Csv;
using ActRun.Core.Data.Download;
using ActRun.Core.Experiments;
using ActRun.Core.Losses;
using ActRun.Core.Optimizers;
using ActRun.Core.Results;
using ActRun.Core.Training;

namespace ActRun.Commands.Compare;

/// <summary>Resolves the options into a <see cref="Comparison"/>, runs it, writes the result folder, prints the summary.</summary>
public static class CompareAction
{
    public static int Run(ParseResult parse, CompareCommand o, CliContext context)
    {
        var spec = DatasetOptions(parse, o);
        string datasetName = spec.ToString();
        var defaults = DatasetDefaults.For(datasetName);
        var activations = Comparison.CanonicalActivations(ActivationRegistry.SplitList(parse.GetValue(o.Activations)!));
        string optimizerName = (parse.GetValue(o.Optimizer) ?? defaults.Optimizer).Trim().ToLowerInvariant();
        if (!OptimizerSettings.Names.Contains(optimizerName))
            throw new ConfigException($"--optimizer: unknown optimizer '{optimizerName}'.{Suggest.DidYouMean(optimizerName, OptimizerSettings.Names)} Known: {string.Join(", ", OptimizerSettings.Names)}.");
        double lr = parse.GetValue(o.LearningRate)
            ?? (optimizerName == defaults.Optimizer ? defaults.LearningRate : OptimizerSettings.DefaultLearningRate(optimizerName));
        double momentum = parse.GetValue(o.Momentum);
        if (momentum != 0 && optimizerName != "sgd") throw new ConfigException("--momentum applies to --optimizer sgd only.");
        string init = parse.GetValue(o.Init)!.Trim().ToLowerInvariant();
        if (init != "auto") Core.Initializers.InitializerRegistry.Get(init);

        var comparison = new Comparison(
            datasetName,
            activations,
            OptionParsers.Given(parse, o.Hidden) ?? defaults.Hidden,
            parse.GetValue(o.OutputActivation)!,
            init,
            new TrainSettings(parse.GetValue(o.Epochs) ?? defaults.Epochs, parse.GetValue(o.BatchSize) ?? defaults.BatchSize,
                new OptimizerSettings(optimizerName, lr, momentum)),
            parse.GetValue(o.Seed),
            parse.GetValue(o.Seeds) ?? 1,
            spec.Features);

        string outDir = parse.GetValue(o.Out) ?? ResultFolder.NewDefaultPath(datasetName, DateTime.Now);
        if (File.Exists(outDir)) throw new ConfigException($"--out '{outDir}' is a file; give a folder path.");

        var dataDir = DataLocator.Resolve(parse.GetValue(o.DataDir));
        bool quiet = parse.GetValue(o.Quiet);
        if (spec.Kind == DatasetKind.Images && !parse.GetValue(o.Offline))
            FetchIfMissing(DatasetCatalog.ImageSet(spec.Name), dataDir, parse.GetValue(o.Mirrors), quiet, context);
        var data = DatasetCatalog.Load(spec, new DatasetLoadOptions(dataDir, comparison.Seed));
        string output = OutputHead.Create(comparison.Output, data).Activation;
        ResultFolder.Prepare(outDir);

        var log = quiet ? null : new ProgressLog(context.Error, comparison);
        log?.Start(data, outDir);
        var runs = ComparisonRunner.Run(comparison, data, parse.GetValue(o.Threads) ?? Environment.ProcessorCount, log, context.Cancel);

        var summary = ResultFolder.Write(outDir, comparison.ToConfig(output), runs);
        SummaryOutput.Write(context.Out, parse.GetValue(o.Format)!, summary);
        if (!quiet) context.Error.WriteLine($"Results in {outDir}/ ({ResultFolder.MetricsFile}, {ResultFolder.SummaryFile}, {ResultFolder.ConfigFile})");
        if (context.Cancel.IsCancellationRequested)
        {
            context.Error.WriteLine("actrun: interrupted; the summary covers the epochs that completed.");
            return ExitCodes.Interrupted;
        }
        return ExitCodes.Success;
    }

    /// <summary>First use of an image set: download it (progress on stderr) unless some folder already has it.</summary>
    private static void FetchIfMissing(MnistLayout layout, string dataDir, string? mirrors, bool quiet, CliContext context)
    {
        if (MnistLoader.FoundFolder(layout, dataDir) is not null) return;
        if (!quiet) context.Error.WriteLine($"{layout.Name}: not found; downloading it into {MnistLoader.TargetFolder(layout, dataDir)} (--offline to never download)");
        var source = DownloadSources.For(layout).WithMirrorOverride(mirrors);
        DownloadProgress.Run(context, quiet, observer =>
        {
            using var http = DatasetFetcher.CreateHttpClient();
            return new DatasetFetcher(http, observer).EnsurePresent(source, layout, dataDir, context.Cancel);
        });
    }

    /// <summary>--dataset with --features and the csv options folded in; a csv option on another dataset is an error.</summary>
    private static DatasetSpec DatasetOptions(ParseResult parse, CompareCommand o)
    {
        var spec = DatasetSpec.Parse(parse.GetValue(o.Dataset)!, parse.GetValue(o.Features));
        (string Option, string Key, string? Value)[] csvOptions =
        [
            ("--label-column", CsvOptions.LabelColumnKey, parse.GetValue(o.LabelColumn)),
            ("--task", CsvOptions.TaskKey, parse.GetValue(o.Task)),
            ("--test-fraction", CsvOptions.TestFractionKey, parse.GetValue(o.TestFraction)?.ToString("R", CultureInfo.InvariantCulture)),
        ];
        foreach (var (option, key, value) in csvOptions.Where(c => c.Value is not null))
        {
            if (spec.Kind != DatasetKind.Csv)
                throw new ConfigException($"{option} applies to csv datasets (--dataset csv:PATH), not to '{spec.Name}'.");
            spec = spec.WithOption(key, value!);
        }
        return spec;
    }
}
