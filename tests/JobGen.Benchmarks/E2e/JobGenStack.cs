using JobGen.Benchmarks.Worker;
using JobGen.Storage.Redis;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// What the harness needs from JobGen on the enqueuing side: the Redis storage and the generated enqueue calls of the
/// worker's jobs (<c>JobGenBenchmarksWorkerJobs</c>). The worker host itself is <see cref="WorkerHost"/>.
/// </summary>
public static class JobGenStack
{
    public static RedisJobStorage CreateStorage(string redis) => WorkerHost.CreateStorage(redis);

    public static ValueTask<string> EnqueueNoopAsync(IJobClient client, int seq, EnqueueOptions options) =>
        client.EnqueueNoopAsync(seq, options);

    public static ValueTask<string> EnqueuePingAsync(IJobClient client, int seq, long timestamp, EnqueueOptions options) =>
        client.EnqueuePingAsync(seq, timestamp, options);

    public static JobRequest NoopRequest(int seq, string queue) =>
        JobGenBenchmarksWorkerJobs.CreateNoopRequest(seq) with { Queue = queue };
}
