using System.Buffers;
using System.Diagnostics;
using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using MessagePack;

namespace JobGen.Redis.Tests;

/// <summary>
/// Real worker processes (DrainWorker/, a JobGen worker on UseRedis) draining one Redis queue. Each run appends
/// its job id to a per-process ledger file, so the test checks every job id against what actually ran.
/// </summary>
public sealed class RedisMultiProcessDrainTests(RedisServerFixture redis) : IDisposable
{
    private readonly string _ledgers = Directory.CreateTempSubdirectory("jobgen-drain-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Three_worker_processes_drain_20000_jobs_and_each_runs_exactly_once()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var ids = await EnqueueAsync(prefix, 20_000);

        var workers = await StartWorkersAsync(prefix, 3);
        await UntilDrainedAsync(prefix, ids.Count);
        await StopAsync(workers);

        var runs = ReadLedgers();
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(runs, r => r.Value != 1);
        Assert.True(workers.All(w => w.Ran > 0), "every process should have taken part");
    }

    [Fact]
    public async Task A_worker_killed_with_sigkill_loses_no_job()
    {
        var prefix = RedisTestStorage.NewPrefix();
        var ids = await EnqueueAsync(prefix, 6_000);
        var workers = await StartWorkersAsync(prefix, 3);

        // Kill one mid-drain, while it holds leased and running jobs; the others rescue its leases once they expire.
        await UntilAsync(() => ReadLedgers().Count >= 1_500, "1,500 runs before the kill");
        workers[0].Process.Kill(entireProcessTree: true);
        await workers[0].Process.WaitForExitAsync(Ct);
        await UntilDrainedAsync(prefix, ids.Count);
        await StopAsync(workers[1..]);

        var runs = ReadLedgers();
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Keys.Order(StringComparer.Ordinal));
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

    private async Task<List<string>> EnqueueAsync(string prefix, int count)
    {
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        var client = new JobClient(storage);
        var ids = new List<string>(count);
        foreach (var chunk in Enumerable.Range(0, count).Chunk(1_000))
        {
            ids.AddRange(await client.EnqueueManyAsync([.. chunk.Select(i => new JobRequest("redis.drain", "drain", 3, Arguments(i)))], Ct));
        }

        return ids;
    }

    private async Task<List<DrainWorkerProcess>> StartWorkersAsync(string prefix, int count)
    {
        var workers = new List<DrainWorkerProcess>();
        for (var i = 0; i < count; i++)
        {
            workers.Add(DrainWorkerProcess.Start(redis.Server.Configuration, prefix, Path.Combine(_ledgers, $"ledger-{i}.txt")));
        }

        foreach (var worker in workers)
        {
            await worker.WaitForLineAsync("ready");
        }

        return workers;
    }

    private static async Task StopAsync(IEnumerable<DrainWorkerProcess> workers)
    {
        foreach (var worker in workers)
        {
            await worker.StopAsync();
        }
    }

    private async Task UntilDrainedAsync(string prefix, int expected)
    {
        await using var storage = await RedisTestStorage.ConnectAsync(redis.Server.Configuration, prefix);
        QueueCounts? counts = null;
        await UntilAsync(
            async () => (counts = await storage.GetQueueCountsAsync("drain", Ct)) is { Ready: 0, InFlight: 0, Scheduled: 0 } && ReadLedgers().Count >= expected,
            () => $"the queue to drain (last counts {counts})");
    }

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), () => what);

    private static async Task UntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var until = Stopwatch.GetTimestamp() + 120 * Stopwatch.Frequency;
        while (!await condition())
        {
            Assert.True(Stopwatch.GetTimestamp() < until, "Timed out (120 s) waiting for " + what());
            await Task.Delay(50, Ct);
        }
    }

    // Job id → number of runs, over every process's ledger.
    private Dictionary<string, int> ReadLedgers()
    {
        var runs = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(_ledgers, "ledger-*.txt"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    runs[line] = runs.GetValueOrDefault(line) + 1;
                }
            }
        }

        return runs;
    }

    // The argument list of DrainJobs.Run(int number, ...), as its generated formatter writes it: a one-element array.
    private static byte[] Arguments(int number)
    {
        var buffer = new ArrayBufferWriter<byte>(8);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(1);
        writer.Write(number);
        writer.Flush();
        return buffer.WrittenSpan.ToArray();
    }
}
