using System.Diagnostics;
using JobGen.Benchmarks.Worker;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Pickup latency with an idle worker (in its own process): one ping job every 2 ms from this process, each carrying
/// the Stopwatch timestamp taken just before its enqueue call; the worker records how long after that it started.
/// The first <see cref="WarmUp"/> pings warm both sides up and are excluded from the percentiles.
/// </summary>
public static class LatencyWorkload
{
    public const int WarmUp = LatencyLedger.WarmUp;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);

    public static async Task<ResultLine> RunAsync(WorkerBinary binary, string redis, IJobClient client, string queue, int jobs, int concurrency)
    {
        var options = new EnqueueOptions { Queue = queue };
        for (var seq = 0; seq < WarmUp; seq++)
        {
            await JobGenStack.EnqueuePingAsync(client, seq, Stopwatch.GetTimestamp(), options).ConfigureAwait(false);
        }

        using var worker = WorkerChild.Start(binary, new WorkerProcessOptions("latency", redis, queue, WarmUp + jobs, concurrency));
        await worker.ReadyAsync().ConfigureAwait(false);
        await Task.Delay(200).ConfigureAwait(false); // let the warm-up pings drain so the worker is idle
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < jobs; i++)
        {
            await WaitUntilAsync(started + (long)(i * Interval.TotalSeconds * Stopwatch.Frequency)).ConfigureAwait(false);
            await JobGenStack.EnqueuePingAsync(client, WarmUp + i, Stopwatch.GetTimestamp(), options).ConfigureAwait(false);
        }

        var result = await worker.ResultAsync().ConfigureAwait(false);
        return new ResultLine("latency" + binary.LineSuffix)
        {
            Worker = binary.Name,
            Jobs = jobs,
            P50Ms = result.GetProperty("p50_ms").GetDouble(),
            P99Ms = result.GetProperty("p99_ms").GetDouble(),
            CpuUsPerJob = result.GetProperty("cpu_us_per_job").GetDouble(),
            Note = $"idle {binary.Name} worker in its own process, one job every {Interval.TotalMilliseconds} ms",
        };
    }

    // Sleep, never spin: on 2 cores a spinning caller would steal the CPU the worker needs to pick the job up.
    private static async Task WaitUntilAsync(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining).ConfigureAwait(false);
        }
    }
}
