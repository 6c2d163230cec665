using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace JobGen.Benchmarks.Dashboard;

/// <summary>
/// The dashboard at scale: a private redis-server with N ready jobs in one queue (1,000,000 by default), M dead jobs
/// (10,000), some scheduled jobs and retries; every page requested repeatedly from Kestrel on loopback, and its
/// server time (first byte of middleware to the end of the response) reported as median and p95.
/// <c>dotnet run -c Release --project tests/JobGen.Benchmarks -- dashboard [--ready N] [--dead N] [--rounds N]</c>
/// </summary>
public static class DashboardScale
{
    private const string Big = "big";
    private const int Processes = 20, Schedules = 200;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var ready = Option(args, "--ready", 1_000_000);
        var dead = Option(args, "--dead", 10_000);
        var rounds = Option(args, "--rounds", 20);
        await using var redis = await RedisServer.StartAsync();
        var timings = new ConcurrentDictionary<string, List<double>>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddJobGen(o => o.Worker.Enabled = false).UseRedis(redis.Configuration);
        builder.Services.AddJobGenBenchmarksJobs(); // the catalog: arguments shown by parameter name
        builder.Services.AddJobGenDashboard();
        await using var app = builder.Build();
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            var key = context.Request.Path + context.Request.QueryString;
            timings.GetOrAdd(key, _ => []).Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        });
        app.MapJobGenDashboard("/jobs");
        await app.StartAsync();
        var storage = app.Services.GetRequiredService<IJobStorage>();

        var seeding = Stopwatch.StartNew();
        var (oldestDead, readyId) = await SeedAsync(storage, ready, dead);
        await SeedProcessesAndSchedulesAsync(storage, app.Services.GetRequiredService<RecurringJobClient>());
        output.WriteLine($"seeded {ready:N0} ready, {dead:N0} dead, 200 scheduled + 200 retries, {Processes} processes running {ProcessInfo.MaxRunningReported} jobs each, {Schedules} recurring schedules in {seeding.Elapsed.TotalSeconds:F1} s");

        var lastReadyPage = ((ready + 24) / 25).ToString(CultureInfo.InvariantCulture);
        var middleReadyPage = (ready / 25 / 2).ToString(CultureInfo.InvariantCulture);
        var lastDeadPage = ((dead + 24) / 25).ToString(CultureInfo.InvariantCulture);
        string[] pages =
        [
            "/jobs", "/jobs?days=90", "/jobs/queues", "/jobs/api/stats", "/jobs/busy", "/jobs/recurring", "/jobs/catalog",
            $"/jobs/queue?name={Big}", $"/jobs/queue?name={Big}&page={middleReadyPage}", $"/jobs/queue?name={Big}&page={lastReadyPage}",
            $"/jobs/dead?queue={Big}", $"/jobs/dead?queue={Big}&page={lastDeadPage}",
            $"/jobs/dead?queue={Big}&reason=BadArguments", $"/jobs/dead?queue={Big}&job=bench.dashboard.other",
            $"/jobs/scheduled?queue={Big}", $"/jobs/retries?queue={Big}",
            $"/jobs/job?queue={Big}&id={oldestDead}&set=dead&at={dead - 1}", $"/jobs/job?queue={Big}&id={oldestDead}&set=dead",
            $"/jobs/job?queue={Big}&id={readyId}&set=ready&at=0",
        ];
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        foreach (var page in pages)
        {
            for (var i = 0; i < rounds + 2; i++)
            {
                using var response = await http.GetAsync(page);
                if (!response.IsSuccessStatusCode)
                {
                    output.WriteLine($"{page}: {(int)response.StatusCode}");
                    return 1;
                }

                await response.Content.ReadAsByteArrayAsync();
            }
        }

        output.WriteLine($"{"page",-70} {"median ms",10} {"p95 ms",8}");
        foreach (var page in pages)
        {
            var all = timings[page].Skip(2).Order().ToList(); // the first two warm up
            output.WriteLine($"{page,-70} {all[all.Count / 2],10:F1} {all[(int)(all.Count * 0.95)],8:F1}");
        }

        await app.StopAsync();
        return 0;
    }

    // Busy: every process at the most running jobs a heartbeat carries. Recurring: schedules of every shape.
    private static async Task SeedProcessesAndSchedulesAsync(IJobStorage storage, RecurringJobClient recurring)
    {
        var now = DateTimeOffset.UtcNow;
        for (var p = 0; p < Processes; p++)
        {
            var running = Enumerable.Range(0, ProcessInfo.MaxRunningReported)
                .Select(i => new RunningJob(Guid.NewGuid().ToString("N"), "bench.shape.primitives", Big, now.AddSeconds(-i)))
                .ToArray();
            var process = new ProcessInfo($"worker-{p}:1:bench", "worker-" + p, 1000 + p, [Big], 200, 200, now.AddHours(-1), "bench") { Running = running };
            await storage.HeartbeatAsync(process, TimeSpan.FromHours(1), now, CancellationToken.None);
        }

        var request = JobGenBenchmarksJobs.CreatePrimitivesRequest(42, "en-GB", 1999, urgent: true);
        for (var i = 0; i < Schedules; i++)
        {
            await recurring.AddOrUpdateAsync("schedule-" + i, i % 2 == 0 ? "*/5 * * * *" : "0 3 * * MON-FRI", request, o => o.TimeZone = i % 3 == 0 ? "Europe/Paris" : "UTC", CancellationToken.None);
        }
    }

    private static async Task<(string OldestDead, string ReadyId)> SeedAsync(IJobStorage storage, int ready, int dead)
    {
        var arguments = JobGenBenchmarksJobs.CreatePrimitivesRequest(42, "en-GB", 1999, urgent: true).Arguments;
        const int Batch = 5_000;
        // Dead jobs first, while the queue is empty: enqueued, leased and killed as the worker does.
        var oldest = string.Empty;
        var now = DateTimeOffset.UtcNow;
        for (var start = 0; start < dead; start += Batch)
        {
            var count = Math.Min(Batch, dead - start);
            var payloads = Enumerable.Range(start, count).Select(i => new QueuedPayload(Big, EnvelopeSerializer.Serialize(Envelope(i % 10 == 0 ? "bench.dashboard.other" : "bench.shape.primitives", arguments, i)))).ToList();
            await storage.EnqueueManyAsync(payloads, CancellationToken.None);
            var leased = await storage.FetchAsync([Big], count, now.AddMinutes(5), TimeSpan.Zero, CancellationToken.None);
            await Task.WhenAll(leased.Select((job, i) =>
            {
                var envelope = EnvelopeSerializer.Deserialize(job.Payload);
                oldest = start == 0 && i == 0 ? envelope.Id : oldest;
                var record = new DeadJob
                {
                    JobId = envelope.Id,
                    Job = envelope.Job,
                    Queue = Big,
                    DiedAt = now.AddSeconds(start + i - dead),
                    Reason = i % 50 == 0 ? DeathReason.BadArguments : DeathReason.AttemptsExhausted,
                    Message = "Failed on all 25 attempts; last error: System.TimeoutException: the upstream did not answer",
                    ExceptionType = "System.TimeoutException",
                    StackTrace = "   at Bench.Job.Run()",
                    Payload = job.Payload,
                };
                return storage.KillAsync(job, record.Serialize(), record.DiedAt, new DeadSetLimits(dead + 1, TimeSpan.FromDays(365)), CancellationToken.None).AsTask();
            }));
        }

        var readyId = string.Empty;
        for (var start = 0; start < ready; start += Batch)
        {
            var batch = new List<QueuedPayload>(Batch);
            for (var i = start; i < Math.Min(ready, start + Batch); i++)
            {
                var envelope = Envelope("bench.shape.primitives", arguments, i);
                readyId = i == 0 ? envelope.Id : readyId;
                batch.Add(new QueuedPayload(Big, EnvelopeSerializer.Serialize(envelope)));
            }

            await storage.EnqueueManyAsync(batch, CancellationToken.None);
        }

        for (var i = 0; i < 200; i++)
        {
            await storage.ScheduleAsync(Big, EnvelopeSerializer.Serialize(Envelope("bench.shape.primitives", arguments, i)), now.AddHours(1 + i), CancellationToken.None);
            await storage.ScheduleAsync(Big, EnvelopeSerializer.Serialize(Envelope("bench.shape.primitives", arguments, i, attempt: 3)), now.AddMinutes(1 + i), CancellationToken.None);
        }

        return (oldest, readyId);
    }

    private static JobEnvelope Envelope(string job, ReadOnlyMemory<byte> arguments, int n, int attempt = 0) => new()
    {
        Id = Guid.CreateVersion7().ToString("N"),
        Job = job,
        Queue = Big,
        Arguments = arguments,
        CreatedAt = DateTimeOffset.UtcNow.AddSeconds(-n),
        EnqueuedAt = DateTimeOffset.UtcNow.AddSeconds(-n),
        Attempt = attempt,
        MaxAttempts = 25,
        LastError = attempt > 0 ? "System.TimeoutException: the upstream did not answer" : null,
    };

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
