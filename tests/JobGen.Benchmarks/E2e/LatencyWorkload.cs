using System.Diagnostics;
using JobGen.Benchmarks.Jobs;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Pickup latency with an idle worker: one ping job every 2 ms, each carrying its enqueue timestamp; the job records
/// how long after the enqueue call began it started. Client and worker share this process (one clock).
/// </summary>
public static class LatencyWorkload
{
    private const int WarmUp = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(2);

    public static async Task<ResultLine> RunAsync(string redis, IJobClient client, string queue, int jobs, int concurrency)
    {
        var total = WarmUp + jobs;
        LatencyLedger.Reset(total);
        using var host = JobGenStack.BuildWorkerHost(redis, queue, concurrency);
        await host.StartAsync().ConfigureAwait(false);
        try
        {
            var options = new EnqueueOptions { Queue = queue };
            var started = Stopwatch.GetTimestamp();
            for (var seq = 0; seq < total; seq++)
            {
                await WaitUntilAsync(started + (long)(seq * Interval.TotalSeconds * Stopwatch.Frequency)).ConfigureAwait(false);
                await JobGenStack.EnqueuePingAsync(client, seq, Stopwatch.GetTimestamp(), options).ConfigureAwait(false);
            }

            try
            {
                await LatencyLedger.AllRan.WaitAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new HarnessFailure($"Latency: not every ping ran within 60 s. {LatencyLedger.Verify()}");
            }

            if (LatencyLedger.Verify() is { } error)
            {
                throw new HarnessFailure($"Latency: {error}");
            }
        }
        finally
        {
            await host.StopAsync().ConfigureAwait(false);
        }

        var sorted = LatencyLedger.SortedFrom(WarmUp);
        return new ResultLine("latency")
        {
            Jobs = jobs,
            P50Ms = Percentiles.Of(sorted, 50),
            P99Ms = Percentiles.Of(sorted, 99),
            Note = $"idle worker, one job every {Interval.TotalMilliseconds} ms, {WarmUp} warm-up jobs excluded",
        };
    }

    // Sleep most of the gap, spin the last millisecond: timers alone are too coarse for a 2 ms cadence.
    private static async Task WaitUntilAsync(long timestamp)
    {
        var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), timestamp);
        if (remaining > TimeSpan.FromMilliseconds(1.5))
        {
            await Task.Delay(remaining - TimeSpan.FromMilliseconds(1)).ConfigureAwait(false);
        }

        while (Stopwatch.GetTimestamp() < timestamp)
        {
            Thread.SpinWait(20);
        }
    }
}
