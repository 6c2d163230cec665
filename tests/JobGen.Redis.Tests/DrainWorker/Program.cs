// Usage: JobGen.Redis.DrainWorker <redis configuration> <key prefix> <ledger file> [recurring]
// With "recurring", it also works queue "ticks" and declares the schedule "every-second" (RedisRecurringTests).
// Runs a JobGen worker on Redis. Every job run appends its job id to the ledger file (flushed per line, so a
// SIGKILL loses at most the line being written). Prints "ready" once started; a line "stop" on stdin (or
// stdin closing) stops it gracefully.
using JobGen;
using JobGen.Redis.DrainWorker;
using Microsoft.Extensions.DependencyInjection;

var recurring = args.Length > 3 && args[3] == "recurring";
var services = new ServiceCollection();
var jobGen = services.AddJobGen(o =>
{
    o.Worker.Concurrency = 8;
    o.Worker.Queues = recurring ? ["drain", "ticks"] : ["drain"];
    o.Worker.LeaseDuration = TimeSpan.FromSeconds(3);
    o.Worker.PollInterval = TimeSpan.FromMilliseconds(200);
}).UseRedis(args[0], o => o.KeyPrefix = args[1]);
if (recurring)
{
    jobGen.AddRecurring("every-second", "* * * * * *", JobGenRedisDrainWorkerJobs.CreateTickRequest());
}

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
