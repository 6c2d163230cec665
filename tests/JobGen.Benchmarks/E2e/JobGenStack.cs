using JobGen.Storage;
using Microsoft.Extensions.Hosting;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Everything the harness needs from JobGen in one place: the Redis storage, a worker host and the generated
/// enqueue calls of the benchmark's own jobs. (Wired to the worker, Redis storage and generator branches.)
/// </summary>
public static class JobGenStack
{
    public static IJobStorage CreateStorage(string redis) =>
        throw new NotSupportedException($"Redis storage not merged yet ({redis}).");

    public static IHost BuildWorkerHost(string redis, string queue, int concurrency) =>
        throw new NotSupportedException($"Worker not merged yet ({redis}, {queue}, {concurrency}).");

    public static ValueTask<string> EnqueueNoopAsync(IJobClient client, int seq, EnqueueOptions options) =>
        client.EnqueueAsync(NoopRequest(seq, options.Queue!), null, CancellationToken.None);

    public static ValueTask<string> EnqueuePingAsync(IJobClient client, int seq, long timestamp, EnqueueOptions options) =>
        throw new NotSupportedException($"Generator not merged yet ({client}, {seq}, {timestamp}, {options}).");

    public static JobRequest NoopRequest(int seq, string queue) =>
        throw new NotSupportedException($"Generator not merged yet ({seq}, {queue}).");
}
