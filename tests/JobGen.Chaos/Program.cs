using JobGen.Chaos;

// Modes: the driver (default), "worker" (the worker process the driver starts and kills) and "enqueue-unique"
// (a process racing others to enqueue one unique job: docs/flow-control.md).
if (args.Length > 0 && args[0] == "worker")
{
    return await WorkerHost.RunAsync(WorkerSettings.Parse(ChaosOptions.ReadPairs(args[1..])));
}

if (args.Length > 0 && args[0] == "enqueue-unique")
{
    return await UniqueEnqueuer.RunAsync(ChaosOptions.ReadPairs(args[1..]), Console.Out);
}

var options = ChaosOptions.Parse(ChaosOptions.ReadPairs(args));
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
var result = await ChaosRun.RunAsync(options, Console.Out, cancel.Token);
Console.WriteLine(result.DetailLine);
Console.WriteLine(result.SummaryLine);
return result.Lost > 0 ? 1 : 0;
