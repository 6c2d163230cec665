using System.Diagnostics;
using JobGen.TestServers;

namespace JobGen.Chaos;

/// <summary>
/// The crash test: enqueue N <c>chaos.record</c> jobs, drain them with W worker processes while SIGKILLing a
/// random one every few seconds (K times, each restarted at once), wait (bounded) until every job has run, and
/// count from the ledger. Kills only happen while work remains, so every kill can strand in-flight jobs. On PostgreSQL
/// (<c>--storage postgres</c>) some of those events are crashes of the database itself (<c>pg_ctl stop -m immediate</c>,
/// then a restart), in an order the seed decides.
/// </summary>
public static class ChaosRun
{
    /// <summary>Ledger markers around a database outage (job numbers no job has).</summary>
    public const int OutageBegins = -1, OutageEnds = -2;

    private const int EnqueueBatch = 1000;

    // How long the database stays down; how long before the crash re-runs count as the outage's (the worker commits
    // fetches and acks without waiting for the WAL flush, so a crash can undo up to 3 x wal_writer_delay = 600 ms of
    // them); and how long after its restart (every pooled connection of a worker that was open at the crash fails
    // once, at its next use, after the restart).
    private static readonly TimeSpan Downtime = TimeSpan.FromSeconds(1), Before = TimeSpan.FromSeconds(1), Aftermath = TimeSpan.FromSeconds(3);

    public static async Task<ChaosResult> RunAsync(ChaosOptions options, TextWriter log, CancellationToken cancellationToken = default)
    {
        await using var ownRedis = options.Redis is null ? await RedisServer.StartAsync().ConfigureAwait(false) : null;
        var redis = options.Redis ?? ownRedis!.Configuration;
        var settings = new WorkerSettings
        {
            Redis = redis,
            Prefix = "chaos-" + Guid.NewGuid().ToString("N")[..8],
            Concurrency = options.Concurrency,
            Lease = options.Lease,
        };
        await using var database = await ChaosDatabase.StartAsync(options.OnPostgres, settings).ConfigureAwait(false);
        settings = settings with { Postgres = database.ConnectionString };
        var dbRestarts = database.CanCrash ? options.DbRestarts : 0;
        log.WriteLine($"chaos: storage={options.Storage} redis={redis} prefix={settings.Prefix} jobs={options.Jobs} workers={options.Workers} kills={options.Kills} " +
            $"db_restarts={dbRestarts} concurrency={options.Concurrency} lease_s={options.Lease.TotalSeconds} job_ms={options.JobMilliseconds} " +
            $"kill_interval_s={options.KillInterval.TotalSeconds} seed={options.Seed}");

        await using var ledger = await ChaosLedger.ConnectAsync(redis, settings.Prefix).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await EnqueueAsync(database.Storage, options.Jobs, options.JobMilliseconds, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"chaos: enqueued {options.Jobs} jobs in {clock.Elapsed.TotalSeconds:F1} s");

        var workers = new WorkerProcess?[options.Workers];
        var killed = new HashSet<int>();
        var outages = new List<string>();
        try
        {
            var starting = Enumerable.Range(0, workers.Length).Select(_ => WorkerProcess.StartAsync(settings, cancellationToken)).ToArray();
            await Task.WhenAll(starting).ConfigureAwait(false);
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = await starting[i].ConfigureAwait(false);
            }

            var events = new Events(options.Kills, dbRestarts, new Random(options.Seed));
            var executed = await DrainWhileKillingAsync(options, settings, workers, events, database, killed, outages, ledger, log, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"chaos: {executed} of {options.Jobs} jobs ran after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await StopAllAsync(workers).ConfigureAwait(false);
        }

        return await CountAsync(options, settings, killed, outages, ledger, clock.Elapsed, log).ConfigureAwait(false);
    }

    private static async Task EnqueueAsync(Storage.IJobStorage storage, int jobs, int workMs, CancellationToken cancellationToken)
    {
        var client = new JobClient(storage);
        for (var start = 0; start < jobs; start += EnqueueBatch)
        {
            var requests = new JobRequest[Math.Min(EnqueueBatch, jobs - start)];
            for (var i = 0; i < requests.Length; i++)
            {
                requests[i] = JobGenChaosJobs.CreateRecordRequest(start + i, workMs);
            }

            await client.EnqueueManyAsync(requests, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<long> DrainWhileKillingAsync(
        ChaosOptions options, WorkerSettings settings, WorkerProcess?[] workers, Events events, ChaosDatabase database,
        HashSet<int> killed, List<string> outages, ChaosLedger ledger, TextWriter log, CancellationToken cancellationToken)
    {
        var random = events.Random;
        var deadline = Stopwatch.StartNew();
        var nextKill = NextKillDelay(random, options);
        var sinceKill = Stopwatch.StartNew();
        long executed;
        while ((executed = await ledger.CountExecutedAsync().ConfigureAwait(false)) < options.Jobs && deadline.Elapsed < options.Timeout)
        {
            var next = sinceKill.Elapsed >= nextKill ? events.Next() : null;
            if (next == Event.DatabaseCrash)
            {
                await ledger.RecordMarkerAsync(OutageBegins).ConfigureAwait(false);
                await Task.Delay(Before, cancellationToken).ConfigureAwait(false);
                var enqueue = await database.CrashAndRestartAsync(Downtime, cancellationToken).ConfigureAwait(false);
                outages.Add(enqueue);
                log.WriteLine($"chaos: database crash {outages.Count}/{events.DbRestarts}: pg_ctl stop -m immediate at {executed}/{options.Jobs} executed, " +
                    $"down {Downtime.TotalSeconds} s (enqueue meanwhile: {enqueue}); restarted");
                await Task.Delay(Aftermath, cancellationToken).ConfigureAwait(false);
                await ledger.RecordMarkerAsync(OutageEnds).ConfigureAwait(false);
                sinceKill.Restart();
                nextKill = NextKillDelay(random, options);
            }
            else if (next == Event.WorkerKill)
            {
                var index = random.Next(workers.Length);
                var victim = workers[index]!;
                workers[index] = null;
                killed.Add(victim.Pid);
                victim.Kill();
                await victim.DisposeAsync().ConfigureAwait(false);
                log.WriteLine($"chaos: kill {killed.Count}/{options.Kills}: SIGKILL worker {victim.Pid} at {executed}/{options.Jobs} executed; restarting");
                workers[index] = await WorkerProcess.StartAsync(settings, cancellationToken).ConfigureAwait(false);
                sinceKill.Restart();
                nextKill = NextKillDelay(random, options);
            }

            foreach (var worker in workers)
            {
                if (worker!.HasExited)
                {
                    throw new InvalidOperationException($"Worker {worker.Pid} exited by itself with {worker.ExitCode}: {worker.RecentOutput}");
                }
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return executed;
    }

    private enum Event
    {
        WorkerKill,
        DatabaseCrash,
    }

    // The kills and database crashes of a run, in an order the seed decides.
    private sealed class Events(int kills, int dbRestarts, Random random)
    {
        private readonly Queue<Event> _order = new(Enumerable.Repeat(Event.WorkerKill, kills)
            .Concat(Enumerable.Repeat(Event.DatabaseCrash, dbRestarts)).OrderBy(_ => random.Next()).ToArray());

        public Random Random => random;

        public int DbRestarts => dbRestarts;

        public Event? Next() => _order.Count > 0 ? _order.Dequeue() : null;
    }

    private static TimeSpan NextKillDelay(Random random, ChaosOptions options) =>
        options.KillInterval * (0.5 + (random.NextDouble() / 2));

    private static async Task StopAllAsync(WorkerProcess?[] workers)
    {
        foreach (var worker in workers)
        {
            if (worker is not null)
            {
                await worker.TerminateAsync(TimeSpan.FromSeconds(20)).ConfigureAwait(false);
                await worker.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<ChaosResult> CountAsync(
        ChaosOptions options, WorkerSettings settings, HashSet<int> killed, List<string> outages, ChaosLedger ledger, TimeSpan elapsed, TextWriter output)
    {
        var runs = await ledger.ReadCountsAsync(LedgerCounter.Runs).ConfigureAwait(false);
        var restarted = (await ledger.ReadCountsAsync(LedgerCounter.Starts).ConfigureAwait(false)).Values.LongCount(starts => starts > 1);
        var total = runs.Values.Sum();
        var log = await ledger.ReadLogAsync().ConfigureAwait(false);

        // A worker held at most: its running jobs, a full fetch channel and one batch in hand.
        var held = settings.Concurrency + settings.Concurrency + 1;

        // A database crash can make a job that ran run again when its ack was on the wire at the crash or committed
        // shortly before it without reaching the disk (the window opens a second before the crash, and a little
        // earlier still: what the workers held), or was sent during the outage or its aftermath.
        var outageWindows = new List<(int From, int To)>();
        for (var i = 0; i < log.Count; i++)
        {
            if (log[i] is { Job: OutageBegins, Pid: 0 })
            {
                var end = i;
                while (end < log.Count && log[end] is not { Job: OutageEnds, Pid: 0 })
                {
                    end++;
                }

                outageWindows.Add((i - (options.Workers * held), end));
            }
        }

        var unexplained = 0L;
        foreach (var group in log.Select((run, position) => (run.Job, run.Pid, Position: position)).Where(r => r.Pid != 0).GroupBy(r => r.Job).Where(g => g.Count() > 1))
        {
            // Every run but the last was lost to a crash: its process must be one that was killed, or it must have
            // ended while the database crashed.
            foreach (var run in group.SkipLast(1).Where(run => !killed.Contains(run.Pid) && !outageWindows.Any(w => run.Position >= w.From && run.Position <= w.To)))
            {
                if (++unexplained <= 10)
                {
                    output.WriteLine($"chaos: unexplained re-run: job {run.Job} ran at log position {run.Position} by pid {run.Pid} (never killed) and again at " +
                        $"{string.Join(", ", group.Select(r => r.Position).Where(p => p > run.Position))}; outage windows: {string.Join(", ", outageWindows.Select(w => $"{w.From}-{w.To}"))}");
                }
            }
        }

        var outageReruns = log.Count == 0 ? 0 : outageWindows.Sum(w => (long)(w.To - Math.Max(0, w.From)));
        return new ChaosResult(options.Jobs, runs.Count, total - runs.Count, killed.Count, ((long)killed.Count * held) + outageReruns, unexplained, restarted, elapsed, options.Seed)
        {
            DbRestarts = outages.Count,
            OutageEnqueues = outages,
        };
    }
}
