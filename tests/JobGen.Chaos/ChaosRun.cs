using System.Diagnostics;
using JobGen.Storage.Redis;
using JobGen.TestServers;

namespace JobGen.Chaos;

/// <summary>
/// The crash test: enqueue N <c>chaos.record</c> jobs, drain them with W worker processes while SIGKILLing a
/// random one every few seconds (K times, each restarted at once), wait (bounded) until every job has run, and
/// count from the ledger. Kills only happen while work remains, so every kill can strand in-flight jobs.
/// </summary>
public static class ChaosRun
{
    private const int EnqueueBatch = 1000;

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
        log.WriteLine($"chaos: redis={redis} prefix={settings.Prefix} jobs={options.Jobs} workers={options.Workers} kills={options.Kills} concurrency={options.Concurrency} " +
            $"lease_s={options.Lease.TotalSeconds} job_ms={options.JobMilliseconds} kill_interval_s={options.KillInterval.TotalSeconds} seed={options.Seed}");

        await using var ledger = await ChaosLedger.ConnectAsync(redis, settings.Prefix).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        await EnqueueAsync(redis, settings.Prefix, options.Jobs, options.JobMilliseconds, cancellationToken).ConfigureAwait(false);
        log.WriteLine($"chaos: enqueued {options.Jobs} jobs in {clock.Elapsed.TotalSeconds:F1} s");

        var workers = new WorkerProcess?[options.Workers];
        var killed = new HashSet<int>();
        try
        {
            var starting = Enumerable.Range(0, workers.Length).Select(_ => WorkerProcess.StartAsync(settings, cancellationToken)).ToArray();
            await Task.WhenAll(starting).ConfigureAwait(false);
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = await starting[i].ConfigureAwait(false);
            }

            var executed = await DrainWhileKillingAsync(options, settings, workers, killed, ledger, log, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"chaos: {executed} of {options.Jobs} jobs ran after {clock.Elapsed.TotalSeconds:F1} s");
        }
        finally
        {
            await StopAllAsync(workers).ConfigureAwait(false);
        }

        return await CountAsync(options, settings, killed, ledger, clock.Elapsed).ConfigureAwait(false);
    }

    private static async Task EnqueueAsync(string redis, string prefix, int jobs, int workMs, CancellationToken cancellationToken)
    {
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis, KeyPrefix = prefix }).ConfigureAwait(false);
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
        ChaosOptions options, WorkerSettings settings, WorkerProcess?[] workers, HashSet<int> killed, ChaosLedger ledger, TextWriter log, CancellationToken cancellationToken)
    {
        var random = new Random(options.Seed);
        var deadline = Stopwatch.StartNew();
        var nextKill = NextKillDelay(random, options);
        var sinceKill = Stopwatch.StartNew();
        long executed;
        while ((executed = await ledger.CountExecutedAsync().ConfigureAwait(false)) < options.Jobs && deadline.Elapsed < options.Timeout)
        {
            if (killed.Count < options.Kills && sinceKill.Elapsed >= nextKill)
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

    private static async Task<ChaosResult> CountAsync(ChaosOptions options, WorkerSettings settings, HashSet<int> killed, ChaosLedger ledger, TimeSpan elapsed)
    {
        var runs = await ledger.ReadCountsAsync(LedgerCounter.Runs).ConfigureAwait(false);
        var restarted = (await ledger.ReadCountsAsync(LedgerCounter.Starts).ConfigureAwait(false)).Values.LongCount(starts => starts > 1);
        var total = runs.Values.Sum();
        var unexplained = 0L;
        foreach (var group in (await ledger.ReadLogAsync().ConfigureAwait(false)).GroupBy(r => r.Job).Where(g => g.Count() > 1))
        {
            // Every run but the last was lost to a crash: its process must be one that was killed.
            unexplained += group.SkipLast(1).Count(run => !killed.Contains(run.Pid));
        }

        // A killed worker held at most: its running jobs, a full fetch channel and one batch in hand.
        var held = settings.Concurrency + settings.Concurrency + 1;
        return new ChaosResult(options.Jobs, runs.Count, total - runs.Count, killed.Count, (long)killed.Count * held, unexplained, restarted, elapsed, options.Seed);
    }
}
