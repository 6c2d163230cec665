using System.Diagnostics;
using System.Globalization;

namespace JobGen.Redis.Tests;

/// <summary>
/// Three real worker processes (DrainWorker/ in "recurring" mode) all running the scheduler of one per-second
/// schedule against one redis-server for about 20 seconds; one is killed with SIGKILL midway and started again.
/// Each run appends "job-id tick lag" to its process's ledger, so the test sees every tick that was enqueued and run.
/// </summary>
public sealed class RedisRecurringTests(RedisServerFixture redis) : IDisposable
{
    private readonly string _ledgers = Directory.CreateTempSubdirectory("jobgen-ticks-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_processes_enqueue_and_run_every_tick_of_a_one_second_schedule_exactly_once_across_a_sigkill_and_restart()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var workers = Enumerable.Range(0, 3).Select(i => Start(prefix, i)).ToList();
        foreach (var worker in workers)
        {
            await worker.WaitForLineAsync("ready");
        }

        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(7), Ct);
        workers[0].Process.Kill(entireProcessTree: true); // kill -9: no graceful stop, its leases and timers vanish
        await workers[0].Process.WaitForExitAsync(Ct);
        await Task.Delay(TimeSpan.FromSeconds(3), Ct);
        var restarted = Start(prefix, 3);
        await restarted.WaitForLineAsync("ready");
        await Task.Delay(TimeSpan.FromSeconds(20) - clock.Elapsed, Ct);

        // The last tick claimed so far: wait until every tick up to it has run, then stop.
        var last = await LastClaimedTickAsync(prefix);
        await UntilAsync(() => Ledger().Values.SelectMany(r => r).Any(r => r.Tick == last), "the last claimed tick to run");
        foreach (var worker in workers.Skip(1).Append(restarted))
        {
            await worker.StopAsync();
        }

        var ledgers = Ledger();
        var runs = ledgers.Values.SelectMany(r => r).Where(r => r.Tick <= last).ToList();
        var ticks = runs.Select(r => r.Tick).Distinct().Order().ToList();
        Assert.InRange(ticks.Count, 15, 30); // about 20 s of one-second ticks

        // No gap: consecutive seconds from the first tick to the last.
        Assert.Equal(Enumerable.Range(0, ticks.Count).Select(i => ticks[0] + (i * 1000L)), ticks);

        // Enqueued exactly once: one job id per tick.
        Assert.All(runs.GroupBy(r => r.Tick), g => Assert.Single(g.Select(r => r.JobId).Distinct()));

        // Run exactly once. The only repeat allowed is the worker's at-least-once redelivery of a job the killed
        // process had started (its lease expired and another process ran it again); count and allow only those.
        var killed = ledgers[0].Select(r => r.JobId).ToHashSet(StringComparer.Ordinal);
        var repeated = runs.GroupBy(r => r.JobId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.All(repeated, id => Assert.Contains(id, killed));
        Assert.True(repeated.Count <= 1, $"{repeated.Count} ticks ran twice");
        // A figure, not an assertion: how long after its tick each job was enqueued.
        var lags = runs.Select(r => r.LagMs).Order().ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{ticks.Count} ticks; runs per process (killed, two survivors, restarted): {string.Join(", ", ledgers.Values.Select(r => r.Count))}; repeats {repeated.Count}; " +
            $"enqueue lag after the tick: p50 {lags[lags.Count / 2]} ms, p90 {lags[lags.Count * 9 / 10]} ms, max {lags[^1]} ms");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_ledgers, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private DrainWorkerProcess Start(string prefix, int index) =>
        DrainWorkerProcess.Start(redis.Server.Configuration, prefix, Path.Combine(_ledgers, $"ledger-{index}.txt"), "recurring");

    private async Task<long> LastClaimedTickAsync(string prefix)
    {
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        var schedule = Assert.Single(await storage.GetSchedulesAsync(Ct));
        Assert.Equal(("every-second", "ticks"), (schedule.Name, schedule.Queue));
        return schedule.LastTick!.Value.ToUnixTimeMilliseconds();
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var until = Stopwatch.GetTimestamp() + 30 * Stopwatch.Frequency;
        while (!condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < until, "Timed out (30 s) waiting for " + what);
            await Task.Delay(50, Ct);
        }
    }

    // Process index → its runs (job id, tick in unix ms).
    private Dictionary<int, List<(string JobId, long Tick, double LagMs)>> Ledger()
    {
        var all = new Dictionary<int, List<(string, long, double)>>();
        for (var i = 0; i < 4; i++)
        {
            var runs = all[i] = [];
            var file = Path.Combine(_ledgers, $"ledger-{i}.txt");
            if (!File.Exists(file))
            {
                continue;
            }

            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Split(' ') is [var id, var tick, var lag])
                {
                    runs.Add((id, long.Parse(tick, CultureInfo.InvariantCulture), double.Parse(lag, CultureInfo.InvariantCulture)));
                }
            }
        }

        return all;
    }
}
