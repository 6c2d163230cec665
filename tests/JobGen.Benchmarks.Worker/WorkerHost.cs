using JobGen.Storage.Redis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Benchmarks.Worker;

/// <summary>
/// The benchmark worker as an application would build it: <c>AddJobGen</c> with the Redis storage and the generated
/// <c>AddJobGenBenchmarksWorkerJobs</c>.
/// </summary>
public static class WorkerHost
{
    public static RedisJobStorage CreateStorage(string redis) =>
        RedisJobStorage.Connect(new RedisStorageOptions { Configuration = redis });

    /// <summary>A host whose worker works <paramref name="queue"/> only, with <paramref name="concurrency"/> processors
    /// and <paramref name="fetchBatch"/> jobs per fetch (0: the worker's default, adaptive).</summary>
    public static IHost Build(string redis, string queue, int concurrency, int fetchBatch = 0)
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
        builder.Services.AddJobGenBenchmarksWorkerJobs();
        return builder.Build();
    }
}
