using System.Diagnostics;
using System.Globalization;
using JobGen.Benchmarks.Worker;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// What signed envelopes cost (docs/security.md): the same enqueue (bulk, and 64 concurrent single callers) and the
/// same drain (an in-process worker, concurrency 16, on a real redis-server), with and without signing, in
/// interleaved pairs whose order alternates, so load on the machine hits both sides alike. Prints one line per run
/// and the medians with the signed/unsigned ratio.
/// Usage: <c>security [--jobs N] [--rounds N] [--redis HOST:PORT]</c>.
/// </summary>
public static class SigningWorkload
{
    private static readonly SecurityKey Key = new() { Id = "bench", Key = Convert.ToBase64String(Enumerable.Repeat((byte)7, 32).ToArray()) };

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var jobs = Option(args, "--jobs", 50_000);
        var rounds = Option(args, "--rounds", 5);
        var redisArg = args.SkipWhile(a => a != "--redis").Skip(1).FirstOrDefault();
        await using var server = redisArg is null ? await RedisServer.StartAsync() : null;
        var redis = redisArg ?? server!.Configuration;
        var results = new Dictionary<(string, bool), List<double>>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var signed in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var queue = $"sec-{round}-{(signed ? "on" : "off")}-{Guid.NewGuid():N}";
                using var storage = WorkerHost.CreateStorage(redis);
                var client = new JobClient(storage) { Signer = signed ? EnvelopeSigner.From(Options(signed)) : null };
                Add(results, "enqueue_bulk", signed, await BulkAsync(client, queue, jobs));
                Add(results, "enqueue_concurrent", signed, await ConcurrentAsync(client, queue + "-c", jobs / 5));
                Add(results, "drain", signed, await DrainAsync(redis, queue, jobs, signed));
                foreach (var (name, value) in results.Where(r => r.Key.Item2 == signed).Select(r => (r.Key.Item1, r.Value[^1])))
                {
                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round={round} {name} signed={signed} jobs_per_sec={value:0}"));
                }
            }
        }

        foreach (var name in new[] { "enqueue_bulk", "enqueue_concurrent", "drain" })
        {
            var off = Median(results[(name, false)]);
            var on = Median(results[(name, true)]);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: unsigned {off:0} [{Join(results[(name, false)])}] signed {on:0} [{Join(results[(name, true)])}] ratio {on / off:0.000}"));
        }

        return 0;
    }

    private static JobSecurityOptions Options(bool signed)
    {
        var options = new JobSecurityOptions();
        if (signed)
        {
            options.SigningKeys.Add(Key);
        }

        return options;
    }

    private static async Task<double> BulkAsync(IJobClient client, string queue, int jobs)
    {
        var started = Stopwatch.GetTimestamp();
        for (var seq = 0; seq < jobs; seq += 1_000)
        {
            await client.EnqueueManyAsync([.. Enumerable.Range(seq, Math.Min(1_000, jobs - seq)).Select(i => JobGenStack.NoopRequest(i, queue))]);
        }

        return jobs / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> ConcurrentAsync(IJobClient client, string queue, int jobs)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) is var seq && seq < jobs)
            {
                await client.EnqueueAsync(JobGenStack.NoopRequest(seq, queue));
            }
        }));
        return jobs / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static async Task<double> DrainAsync(string redis, string queue, int jobs, bool signed)
    {
        RunLedger.Reset(jobs);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Concurrency = 16;
            o.Worker.Queues = [queue];
            if (signed)
            {
                o.Security.SigningKeys.Add(Key);
            }
        }).UseStorage(_ => WorkerHost.CreateStorage(redis));
        builder.Services.AddJobGenBenchmarksWorkerJobs();
        using var host = builder.Build();
        await host.StartAsync();
        await RunLedger.AllRan.WaitAsync(TimeSpan.FromMinutes(5));
        await host.StopAsync();
        if (RunLedger.Verify() is { } error)
        {
            throw new HarnessFailure($"Signed drain: {error}");
        }

        return jobs / RunLedger.Span.TotalSeconds;
    }

    private static void Add(Dictionary<(string, bool), List<double>> results, string name, bool signed, double value)
    {
        if (!results.TryGetValue((name, signed), out var list))
        {
            results[(name, signed)] = list = [];
        }

        list.Add(value);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string Join(List<double> values) => string.Join(' ', values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
