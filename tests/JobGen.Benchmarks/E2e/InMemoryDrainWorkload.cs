using System.Diagnostics;
using JobGen.Benchmarks.Worker;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// The drain without Redis: the same worker and jobs on the embedded in-memory storage, in this process. Not a
/// performance target: it splits a Redis drain's cost into the worker's own (this) and the Redis round trips.
/// </summary>
public static class InMemoryDrainWorkload
{
    public static async Task<ResultLine> RunAsync(int jobs, int concurrency)
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage);
        const string queue = "bench-memory";
        for (var seq = 0; seq < jobs; seq += 1_000)
        {
            await client.EnqueueManyAsync([.. Enumerable.Range(seq, Math.Min(1_000, jobs - seq)).Select(i => JobGenStack.NoopRequest(i, queue))]).ConfigureAwait(false);
        }

        RunLedger.Reset(jobs);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Concurrency = concurrency;
            o.Worker.Queues = [queue];
        }).UseStorage(_ => storage);
        builder.Services.AddJobGenBenchmarksWorkerJobs();
        using var host = builder.Build();

        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            await RunLedger.AllRan.WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new HarnessFailure($"In-memory drain: not every job ran within 5 minutes. {RunLedger.Verify()}");
        }

        var cpuUs = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds;
        var warmCpuUs = (Environment.CpuUsage.TotalTime - RunLedger.CpuAtHalfway).TotalMicroseconds;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await host.StopAsync().ConfigureAwait(false);
        if (RunLedger.Verify() is { } error)
        {
            throw new HarnessFailure($"In-memory drain: {error}");
        }

        var counts = await storage.GetQueueCountsAsync(queue, CancellationToken.None).ConfigureAwait(false);
        if (counts.Ready + counts.InFlight + counts.Dead + counts.Scheduled != 0)
        {
            throw new HarnessFailure($"In-memory drain: the queue ended with {counts}.");
        }

        return new ResultLine("drain_inmemory")
        {
            Jobs = jobs,
            JobsPerSec = jobs / RunLedger.Span.TotalSeconds,
            WarmJobsPerSec = (jobs - (jobs / 2)) / RunLedger.SecondHalf.TotalSeconds,
            CpuUsPerJob = cpuUs / jobs,
            WarmCpuUsPerJob = warmCpuUs / (jobs - (jobs / 2)),
            AllocBytesPerJob = bytes / (double)jobs,
            Note = $"concurrency {concurrency}, embedded storage in the harness process: the worker's own cost, no Redis",
        };
    }
}
