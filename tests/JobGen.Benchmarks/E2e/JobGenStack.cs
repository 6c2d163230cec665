using JobGen.Storage;
using JobGen.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Everything the harness needs from JobGen in one place: the Redis storage, a worker host as an application
/// would build it (<c>AddJobGen</c> + the generated <c>AddJobGenBenchmarksJobs</c>), and the generated enqueue calls.
/// </summary>
public static class JobGenStack
{
    public static RedisJobStorage CreateStorage(string redis) =>
        RedisJobStorage.Connect(new RedisStorageOptions { Configuration = redis });

    /// <summary>A host whose worker works <paramref name="queue"/> only, with <paramref name="concurrency"/> processors
    /// and <paramref name="fetchBatch"/> jobs per fetch (0: the worker's default, adaptive).</summary>
    public static IHost BuildWorkerHost(string redis, string queue, int concurrency, int fetchBatch = 0)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddJobGen(o =>
            {
                o.Worker.Concurrency = concurrency;
                o.Worker.FetchBatchSize = fetchBatch;
                o.Worker.Queues = [queue];
            })
            .UseRedis(redis);
        builder.Services.AddJobGenBenchmarksJobs();
        return builder.Build();
    }

    public static ValueTask<string> EnqueueNoopAsync(IJobClient client, int seq, EnqueueOptions options) =>
        client.EnqueueNoopAsync(seq, options);

    public static ValueTask<string> EnqueuePingAsync(IJobClient client, int seq, long timestamp, EnqueueOptions options) =>
        client.EnqueuePingAsync(seq, timestamp, options);

    public static JobRequest NoopRequest(int seq, string queue) =>
        JobGenBenchmarksJobs.CreateNoopRequest(seq) with { Queue = queue };
}
