using System.Diagnostics;
using JobGen.Aot.Tests;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using SampleApp;

namespace JobGen.Aot.Measure;

/// <summary>What one worker build measured (docs/aot.md).</summary>
internal sealed record WorkerFigures(
    string Variant,
    long SizeBytes,
    double StartToFirstJobMs,
    long IdleRssBytes,
    long PeakRssWhileDrainingBytes,
    double DrainSeconds,
    long Processed,
    double StopSeconds);

/// <summary>
/// Runs one worker build (the AOT executable or <c>dotnet Worker.dll</c>) through the measured script against its
/// own fresh redis-server: start with one job waiting, time to that job; idle RSS; 100,000 no-op jobs enqueued while
/// it runs, RSS sampled until they are drained; SIGTERM.
/// </summary>
internal static class WorkerMeasurement
{
    public const int DrainJobs = 100_000;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromMilliseconds(25);

    public static async Task<WorkerFigures> RunAsync(string variant, string fileName, IReadOnlyList<string> prefixArgs, long sizeBytes, CancellationToken ct)
    {
        await using var redis = await RedisServer.StartAsync();
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis.Configuration });
        var jobs = new JobClient(storage);
        await jobs.EnqueueMarkAsync("first", cancellationToken: ct);

        using var journal = new JournalFile();
        var launchedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using var worker = ChildProcess.Start(fileName,
            [.. prefixArgs, "--redis", redis.Configuration, "--queues", "bench", "--concurrency", "10", "--shutdown-timeout", "10s", "--journal", journal.Path]);
        var first = await journal.WaitForAsync(1, worker, TimeSpan.FromSeconds(60));
        var startToFirstJob = first[0].UnixMs - launchedAt;

        // Idle: nothing queued, the worker blocked in its fetch, after the start-up garbage is collectable.
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var idleRss = worker.ResidentBytes() ?? 0;

        var peak = idleRss;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, worker.ResidentBytes() ?? 0);
                await Task.Delay(SampleEvery, CancellationToken.None);
            }
        }, CancellationToken.None);

        var drain = Stopwatch.StartNew();
        for (var start = 0; start < DrainJobs; start += 1000)
        {
            var batch = Enumerable.Range(start, Math.Min(1000, DrainJobs - start)).Select(SampleAppJobs.CreateNoOpRequest).ToList();
            await jobs.EnqueueManyAsync(batch, ct);
        }

        var deadline = Stopwatch.GetTimestamp() + (300 * Stopwatch.Frequency);
        while (true)
        {
            var counts = await storage.GetQueueCountsAsync("bench", ct);
            if (counts.Ready == 0 && counts.InFlight == 0)
            {
                break;
            }

            Check(!worker.HasExited, $"the {variant} worker exited while draining:{Environment.NewLine}{worker.Output}");
            Check(Stopwatch.GetTimestamp() < deadline, $"the {variant} worker did not drain {DrainJobs} jobs in 5 minutes ({counts.Ready} ready, {counts.InFlight} in flight)");
            await Task.Delay(SampleEvery, ct);
        }

        drain.Stop();
        await sampling.CancelAsync();
        await sampler;

        var stop = Stopwatch.StartNew();
        worker.Terminate();
        Check(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the {variant} worker did not stop:{Environment.NewLine}{worker.Output}");
        stop.Stop();
        Check(worker.ExitCode == 0, $"the {variant} worker exited {worker.ExitCode}:{Environment.NewLine}{worker.Output}");
        var stats = await storage.GetStatsAsync([], ct);
        Check(stats.Processed == DrainJobs + 1, $"the {variant} worker processed {stats.Processed} jobs, not {DrainJobs + 1}");

        return new WorkerFigures(variant, sizeBytes, startToFirstJob, idleRss, peak, drain.Elapsed.TotalSeconds, stats.Processed, stop.Elapsed.TotalSeconds);
    }

    private static void Check(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }
}
