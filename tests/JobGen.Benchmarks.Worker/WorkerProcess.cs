using System.Diagnostics;
using System.Text.Json;
using JobGen.Storage;

namespace JobGen.Benchmarks.Worker;

/// <summary>
/// The worker process of the drain and latency workloads: a worker host on one queue, in its own process as in
/// production, so its RSS is its own and the enqueuing harness does not compete with it inside one runtime.
/// It prints <c>{"ready":true}</c> once started, then one JSON result line. Drain: the queue already holds N no-op
/// jobs; the result is the time from the first run to the last and the peak RSS. Latency: N ping jobs arrive one
/// every 2 ms; each records its enqueue-to-start delay from the caller's Stopwatch timestamp (CLOCK_MONOTONIC, shared
/// by the processes of one machine). Both check that every job ran exactly once and the queue ended empty.
/// </summary>
public static class WorkerProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(WorkerProcessOptions options, TextWriter output)
    {
        var drain = options.Mode == "drain";
        if (drain)
        {
            RunLedger.Reset(options.Jobs);
        }
        else
        {
            LatencyLedger.Reset(options.Jobs);
        }

        await using var storage = WorkerHost.CreateStorage(options.Redis);
        using var host = WorkerHost.Build(options.Redis, options.Queue, options.Concurrency, options.FetchBatch);
        // The harness checks this against the worker it meant to start: under Native AOT nothing is JIT-compiled.
        var result = new Dictionary<string, object?>
        {
            ["jobs"] = options.Jobs,
            ["native_aot"] = !System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeCompiled,
            ["gen0_max_budget"] = WorkerGc.EffectiveGen0MaxBudget(),
        };
        string? error;
        var started = Stopwatch.GetTimestamp();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = Environment.CpuUsage.TotalTime;
        int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
        var paused = GC.GetTotalPauseDuration();
        await using (var rss = new RssSampler(TimeSpan.FromMilliseconds(10)))
        {
            await host.StartAsync().ConfigureAwait(false);
            await output.WriteLineAsync("""{"ready":true}""").ConfigureAwait(false);
            await output.FlushAsync().ConfigureAwait(false);
            error = await WaitAsync(drain ? RunLedger.AllRan : LatencyLedger.AllRan).ConfigureAwait(false);
            rss.Sample();
            result["rss_peak_mb"] = rss.PeakMb;
            result["cpu_us_per_job"] = (Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / options.Jobs;
            if (drain)
            {
                // Host start and JIT tiering weigh on the first half; the second half is the steady cost of a job.
                result["warm_cpu_us_per_job"] = (Environment.CpuUsage.TotalTime - RunLedger.CpuAtHalfway).TotalMicroseconds / (options.Jobs - (options.Jobs / 2));
            }

            result["alloc_bytes_per_job"] = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)options.Jobs;
            result["gcs"] = $"gen0 {GC.CollectionCount(0) - collections[0]}, gen1 {GC.CollectionCount(1) - collections[1]}, gen2 {GC.CollectionCount(2) - collections[2]}, paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F1} ms";
        }

        result["start_to_done_s"] = Stopwatch.GetElapsedTime(started).TotalSeconds;

        // Every job ran: wait for the acks, so the queue is really empty, then check nothing ran twice.
        error ??= await WaitForEmptyAsync(storage, options.Queue).ConfigureAwait(false);
        error ??= drain ? RunLedger.Verify() : LatencyLedger.Verify();
        await host.StopAsync().ConfigureAwait(false);

        if (drain)
        {
            result["first_to_last_s"] = RunLedger.Span.TotalSeconds;
            result["second_half_s"] = RunLedger.SecondHalf.TotalSeconds;
        }
        else if (error is null)
        {
            var sorted = LatencyLedger.SortedFrom(Math.Min(LatencyLedger.WarmUp, options.Jobs - 1)); // warm-up pings excluded
            result["p50_ms"] = Percentiles.Of(sorted, 50);
            result["p99_ms"] = Percentiles.Of(sorted, 99);
        }

        result["error"] = error;
        await output.WriteLineAsync(JsonSerializer.Serialize(result, WorkerJson.Default.DictionaryStringObject)).ConfigureAwait(false);
        return error is null ? 0 : 1;
    }

    private static async Task<string?> WaitAsync(Task allRan)
    {
        try
        {
            await allRan.WaitAsync(Timeout).ConfigureAwait(false);
            return null;
        }
        catch (TimeoutException)
        {
            return $"Not every job ran within {Timeout.TotalMinutes} minutes. {RunLedger.Verify() ?? LatencyLedger.Verify()}";
        }
    }

    private static async Task<string?> WaitForEmptyAsync(IJobStorage storage, string queue)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(Stopwatch.Frequency * 30.0);
        while (true)
        {
            var counts = await storage.GetQueueCountsAsync(queue, CancellationToken.None).ConfigureAwait(false);
            if (counts.Ready == 0 && counts.InFlight == 0)
            {
                return counts.Dead == 0 && counts.Scheduled == 0
                    ? null
                    : $"The queue ended with {counts.Dead} dead and {counts.Scheduled} scheduled jobs (a no-op job failed).";
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                return $"The queue still holds {counts.Ready} ready and {counts.InFlight} in-flight jobs 30 s after every job ran.";
            }

            await Task.Delay(5).ConfigureAwait(false);
        }
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object?>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(int))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(long))]
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class WorkerJson : System.Text.Json.Serialization.JsonSerializerContext;
