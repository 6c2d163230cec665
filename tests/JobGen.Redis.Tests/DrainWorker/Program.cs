// Usage: JobGen.Redis.DrainWorker <redis configuration> <key prefix> <ledger file>
// Runs a JobGen worker on Redis. Every job run appends its job id to the ledger file (flushed per line, so a
// SIGKILL loses at most the line being written). Prints "ready" once started; a line "stop" on stdin (or
// stdin closing) stops it gracefully.
using JobGen;
using JobGen.Redis.DrainWorker;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddJobGen(o =>
{
    o.Worker.Concurrency = 8;
    o.Worker.Queues = ["drain"];
    o.Worker.LeaseDuration = TimeSpan.FromSeconds(3);
    o.Worker.PollInterval = TimeSpan.FromMilliseconds(200);
}).UseRedis(args[0], o => o.KeyPrefix = args[1]);
await using var ledger = new DrainLedger(args[2]);
services.AddSingleton(ledger).AddJobGenRedisDrainWorkerJobs();
await using var provider = services.BuildServiceProvider();
var worker = provider.GetRequiredService<JobWorker>();
await worker.StartAsync(CancellationToken.None);
Console.WriteLine("ready");
while (await Console.In.ReadLineAsync() is { } line && line != "stop")
{
}

await worker.StopAsync(CancellationToken.None);
Console.WriteLine("stopped");
