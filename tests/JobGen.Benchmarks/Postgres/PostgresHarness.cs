using System.Diagnostics;
using System.Globalization;
using JobGen.Benchmarks.Worker;
using JobGen.Storage.PostgreSql;
using JobGen.TestServers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace JobGen.Benchmarks.Postgres;

/// <summary>
/// <c>e2e --storage postgres [--jobs N] [--callers N] [--latency-jobs N] [--concurrency N] [--sync-worker-commits] [--drain-only]</c>: starts a private
/// PostgreSQL 15 (fsync on, as in production, synchronous_commit on), then measures, one line each: bare Npgsql
/// ceilings (one-row INSERT from one caller and from N callers, a 1,000-row unnest INSERT), JobGen enqueue single,
/// N callers and bulk, the drain of the bulk-enqueued no-op jobs by a worker in this process, and the pickup latency
/// of an idle worker (one ping every 2 ms), with what the bulk enqueue and the drain cost the database in WAL and dead
/// tuples. Every job must run exactly once; times are reported, never asserted. <c>--sync-worker-commits</c> makes the
/// worker's fetch and ack wait for their WAL flush (<see cref="PostgreSqlStorageOptions.SynchronousWorkerCommits"/>);
/// <c>--drain-only</c> skips the ceilings and the single and concurrent enqueues (for before/after runs of the worker).
/// </summary>
public static class PostgresHarness
{
    public static bool Wants(IReadOnlyList<string> args) =>
        args.Select((a, i) => a == "--storage" && i + 1 < args.Count && args[i + 1] == "postgres").Any(b => b);

    /// <summary>The e2e arguments without <c>--storage redis</c> (the default storage of the Redis harness).</summary>
    public static string[] WithoutRedisStorage(string[] args)
    {
        var i = Array.IndexOf(args, "--storage");
        return i >= 0 && i + 1 < args.Length && args[i + 1] == "redis" ? [.. args[..i], .. args[(i + 2)..]] : args;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output)
    {
        int Arg(string name, int fallback)
        {
            var i = args.ToList().IndexOf(name);
            return i >= 0 && i + 1 < args.Count ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
        }

        var jobs = Arg("--jobs", 100_000);
        var callers = Arg("--callers", 64);
        var latencyJobs = Arg("--latency-jobs", 2_000);
        var concurrency = Arg("--concurrency", 16);
        var syncWorkerCommits = args.Contains("--sync-worker-commits");
        var drainOnly = args.Contains("--drain-only");
        void Report(string name, double value, string unit, string note) =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $$"""{"name":"{{name}}","{{unit}}":{{value:F1}},"jobs":{{jobs}},"note":"{{note}}"}"""));

        await using var server = await PostgresServer.StartAsync(durable: true);
        var connectionString = server.ConnectionString() + ";Max Auto Prepare=32;Maximum Pool Size=100";
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        output.WriteLine($$"""{"name":"machine","note":"{{Environment.ProcessorCount}} cores, load {{load}}, PostgreSQL on the same machine (fsync on), worker commits {{(syncWorkerCommits ? "synchronous" : "relaxed")}}"}""");

        if (!drainOnly)
        {
            await MeasureCeilingsAsync(connectionString, jobs, callers, Report);
        }

        await using var storage = PostgreSqlJobStorage.Create(connectionString);
        await storage.CreateMigrator().MigrateAsync(CancellationToken.None);
        var client = new JobClient(storage);
        var costs = new PostgresCosts(storage.DataSource, storage.Options.Schema);
        if (!drainOnly)
        {
            Report("enqueue_single", await RateAsync(jobs / 5, 1, seq =>
                client.EnqueueNoopAsync(seq, new EnqueueOptions { Queue = "single" }).AsTask()), "jobs_per_sec", "JobClient.EnqueueAsync, one caller awaiting each");
            Report("enqueue_concurrent", await RateAsync(jobs, callers, seq =>
                client.EnqueueNoopAsync(seq, new EnqueueOptions { Queue = "concurrent" }).AsTask()), "jobs_per_sec", $"JobClient.EnqueueAsync, {callers} callers");
        }

        var walBeforeBulk = await costs.WalPositionAsync();
        Report("enqueue_bulk", await RateAsync(jobs / 1000, 1, async chunk =>
            await client.EnqueueManyAsync([.. Enumerable.Range(chunk * 1000, 1000).Select(i => JobGenBenchmarksWorkerJobs.CreateNoopRequest(i) with { Queue = "drain" })]))
            * 1000, "jobs_per_sec", "JobClient.EnqueueManyAsync of 1,000 jobs per call");

        // Drain: the bulk-enqueued jobs, by one worker (this process), from start to the last job run.
        var walAfterBulk = await costs.WalPositionAsync();
        Report("wal_enqueue_bulk", (walAfterBulk - walBeforeBulk) / (double)jobs, "bytes_per_job", "WAL written by the bulk enqueue, per job (pg_current_wal_lsn difference)");
        RunLedger.Reset(jobs);
        using (var host = WorkerHost(connectionString, "drain", concurrency, syncWorkerCommits))
        {
            using var sampling = new CancellationTokenSource();
            var samples = costs.SampleJobsTableAsync(TimeSpan.FromMilliseconds(250), sampling.Token);
            var started = Stopwatch.GetTimestamp();
            var cpu = Environment.CpuUsage.TotalTime;
            await host.StartAsync();
            await RunLedger.AllRan.WaitAsync(TimeSpan.FromMinutes(10));
            var elapsed = Stopwatch.GetElapsedTime(started);
            cpu = Environment.CpuUsage.TotalTime - cpu;
            await host.StopAsync();
            Check(RunLedger.Verify());
            Report("drain", jobs / elapsed.TotalSeconds, "jobs_per_sec", $"no-op jobs, one worker process, concurrency {concurrency}, {cpu.TotalMicroseconds / jobs:F1} us CPU per job in the worker");
            Report("wal_drain", (await costs.WalPositionAsync() - walAfterBulk) / (double)jobs, "bytes_per_job", "WAL written by the drain (fetch and ack), per job");
            await sampling.CancelAsync();
            var table = await samples;
            Report("dead_tuples_peak", table.PeakDead, "tuples", $"jobs table, sampled every 250 ms during the drain; {table.Autovacuums} autovacuum runs, {table.DeadAtEnd} dead at the end, table {table.SizeAtEnd / 1024} kB at the end");
        }

        // Latency: an idle worker; one ping every 2 ms.
        LatencyLedger.Reset(latencyJobs);
        using (var host = WorkerHost(connectionString, "latency", concurrency, syncWorkerCommits))
        {
            await host.StartAsync();
            await Task.Delay(500);
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < latencyJobs; i++)
            {
                var due = started + (long)(i * 0.002 * Stopwatch.Frequency);
                if (Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due) is { Ticks: > 0 } wait)
                {
                    await Task.Delay(wait);
                }

                await client.EnqueuePingAsync(i, Stopwatch.GetTimestamp(), new EnqueueOptions { Queue = "latency" });
            }

            await LatencyLedger.AllRan.WaitAsync(TimeSpan.FromMinutes(5));
            await host.StopAsync();
            Check(LatencyLedger.Verify());
            var sorted = LatencyLedger.SortedFrom(Math.Min(LatencyLedger.WarmUp, latencyJobs / 10));
            Report("latency_p50", Percentiles.Of(sorted, 50), "ms", "idle worker (same process), LISTEN/NOTIFY wake-up, one job every 2 ms");
            Report("latency_p99", Percentiles.Of(sorted, 99), "ms", "idle worker (same process), LISTEN/NOTIFY wake-up, one job every 2 ms");
        }

        return 0;
    }

    // Bare Npgsql: one-row INSERT from one caller and from N callers, and a 1,000-row unnest INSERT.
    private static async Task MeasureCeilingsAsync(string connectionString, int jobs, int callers, Action<string, double, string, string> report)
    {
        await using (var bare = NpgsqlDataSource.Create(connectionString))
        {
            await using (var create = bare.CreateCommand("CREATE TABLE ceiling (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, queue text NOT NULL, payload bytea NOT NULL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var payload = new byte[60];
            report("ceiling_npgsql_insert_1caller", await RateAsync(jobs / 5, 1, async _ =>
            {
                await using var c = bare.CreateCommand("INSERT INTO ceiling (queue, payload) VALUES ($1, $2)");
                c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "q" });
                c.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
                await c.ExecuteNonQueryAsync();
            }), "jobs_per_sec", "bare Npgsql one-row INSERT, one caller awaiting each");
            report("ceiling_npgsql_insert_callers", await RateAsync(jobs, callers, async _ =>
            {
                await using var c = bare.CreateCommand("INSERT INTO ceiling (queue, payload) VALUES ($1, $2)");
                c.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "q" });
                c.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
                await c.ExecuteNonQueryAsync();
            }), "jobs_per_sec", $"bare Npgsql one-row INSERT, {callers} callers");
            var queues = Enumerable.Repeat("q", 1000).ToArray();
            var payloads = Enumerable.Repeat(payload, 1000).ToArray();
            report("ceiling_npgsql_bulk", await RateAsync(jobs / 1000, 1, async _ =>
            {
                await using var c = bare.CreateCommand("INSERT INTO ceiling (queue, payload) SELECT * FROM unnest($1::text[], $2::bytea[])");
                c.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = queues });
                c.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads });
                await c.ExecuteNonQueryAsync();
            }) * 1000, "jobs_per_sec", "bare Npgsql INSERT ... unnest of 1,000 rows per statement");
        }
    }

    private static IHost WorkerHost(string connectionString, string queue, int concurrency, bool syncWorkerCommits)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddJobGen(o =>
        {
            o.Worker.Concurrency = concurrency;
            o.Worker.Queues = [queue];
        }).UsePostgreSql(connectionString, o => o.SynchronousWorkerCommits = syncWorkerCommits);
        builder.Services.AddJobGenBenchmarksWorkerJobs();
        return builder.Build();
    }

    // Runs `count` operations from `callers` concurrent loops; returns operations per second.
    private static async Task<double> RateAsync(int count, int callers, Func<int, Task> operation)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) is var i && i < count)
            {
                await operation(i);
            }
        })));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    private static void Check(string? error)
    {
        if (error is not null)
        {
            throw new InvalidOperationException("PostgreSQL e2e failed: " + error);
        }
    }
}
