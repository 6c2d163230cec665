using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using JobGen.Benchmarks.Jobs;

namespace JobGen.Benchmarks.E2e;

/// <summary>Command line of the internal <c>drain-worker</c> command.</summary>
public sealed record DrainWorkerOptions(string Redis, string Queue, int Jobs, int Concurrency)
{
    public static DrainWorkerOptions Parse(IReadOnlyList<string> args)
    {
        string Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault()
            ?? throw new ArgumentException($"drain-worker needs {name}.");
        return new DrainWorkerOptions(Get("--redis"), Get("--queue"), int.Parse(Get("--jobs"), CultureInfo.InvariantCulture),
            int.Parse(Get("--concurrency"), CultureInfo.InvariantCulture));
    }

    public IEnumerable<string> ToArgs() =>
        ["drain-worker", "--redis", Redis, "--queue", Queue, "--jobs", Jobs.ToString(CultureInfo.InvariantCulture),
         "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture)];
}

/// <summary>
/// The draining process: a worker host on one queue that already holds <c>N</c> no-op jobs. It reports, as its last
/// stdout line, how long the jobs took from the first run to the last, its peak RSS, and whether every job ran
/// exactly once. A separate process, so the RSS is the worker's alone and not the enqueuing harness's.
/// </summary>
public static class DrainWorker
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(DrainWorkerOptions options, TextWriter output)
    {
        RunLedger.Reset(options.Jobs);
        var storage = JobGenStack.CreateStorage(options.Redis);
        using var host = JobGenStack.BuildWorkerHost(options.Redis, options.Queue, options.Concurrency);
        string? error;
        double rssPeak;
        var started = Stopwatch.GetTimestamp();
        await using (var rss = new RssSampler(TimeSpan.FromMilliseconds(10)))
        {
            await host.StartAsync().ConfigureAwait(false);
            error = await WaitAsync(RunLedger.AllRan).ConfigureAwait(false);
            rss.Sample();
            rssPeak = rss.PeakMb;
        }

        var startToDone = Stopwatch.GetElapsedTime(started);

        // Every job ran: now wait for the acks, so the queue is really empty, then check nothing ran twice.
        error ??= await WaitForEmptyAsync(storage, options.Queue).ConfigureAwait(false);
        error ??= RunLedger.Verify();
        await host.StopAsync().ConfigureAwait(false);

        var result = new Dictionary<string, object?>
        {
            ["jobs"] = options.Jobs,
            ["runs"] = RunLedger.Total,
            ["first_to_last_s"] = RunLedger.Span.TotalSeconds,
            ["start_to_done_s"] = startToDone.TotalSeconds,
            ["rss_peak_mb"] = rssPeak,
            ["error"] = error,
        };
        await output.WriteLineAsync(JsonSerializer.Serialize(result, DrainJson.Default.DictionaryStringObject)).ConfigureAwait(false);
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
            return $"Only {RunLedger.Total} runs within {Timeout.TotalMinutes} minutes. {RunLedger.Verify()}";
        }
    }

    private static async Task<string?> WaitForEmptyAsync(Storage.IJobStorage storage, string queue)
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
[System.Text.Json.Serialization.JsonSerializable(typeof(double))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class DrainJson : System.Text.Json.Serialization.JsonSerializerContext;
