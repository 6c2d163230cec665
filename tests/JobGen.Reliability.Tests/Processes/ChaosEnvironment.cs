using System.Diagnostics;
using JobGen.Chaos;
using JobGen.Storage;
using JobGen.Storage.Redis;
using JobGen.TestServers;
using StackExchange.Redis;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// One process test's world: a private redis-server, a key prefix, the chaos ledger, a JobGen client on Redis,
/// and the worker processes started through it (all killed on dispose). Waits are bounded polls of Redis state
/// written by other processes: there is no in-process signal to wait on.
/// </summary>
internal sealed class ChaosEnvironment : IAsyncDisposable
{
    private readonly List<WorkerProcess> _workers = [];

    private ChaosEnvironment(RedisServer redis, WorkerSettings settings, ChaosLedger ledger, RedisJobStorage storage)
    {
        Redis = redis;
        Settings = settings;
        Ledger = ledger;
        Storage = storage;
        Client = new JobClient(storage);
    }

    public RedisServer Redis { get; }

    public WorkerSettings Settings { get; }

    public ChaosLedger Ledger { get; }

    public RedisJobStorage Storage { get; }

    public JobClient Client { get; }

    public IDatabase Db => Storage.Connection.GetDatabase();

    /// <summary>The ready list of the default queue (pushed to with LPUSH; workers take from the other end).</summary>
    public RedisKey ReadyKey => Settings.Prefix + ":{q:" + JobDefaults.Queue + "}:ready";

    public static async Task<ChaosEnvironment> StartAsync(Func<WorkerSettings, WorkerSettings>? configure = null, params string[] redisArgs)
    {
        var redis = await RedisServer.StartAsync(redisArgs);
        var settings = new WorkerSettings { Redis = redis.Configuration, Prefix = "rel-" + Guid.NewGuid().ToString("N")[..8] };
        settings = configure?.Invoke(settings) ?? settings;
        var ledger = await ChaosLedger.ConnectAsync(settings.Redis, settings.Prefix);
        var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = settings.Redis, KeyPrefix = settings.Prefix });
        return new ChaosEnvironment(redis, settings, ledger, storage);
    }

    public async Task<WorkerProcess> StartWorkerAsync(WorkerSettings? settings = null)
    {
        var worker = await WorkerProcess.StartAsync(settings ?? Settings, TestContext.Current.CancellationToken);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds; fails after <paramref name="timeout"/> saying what was awaited.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            foreach (var worker in _workers.Where(w => w.HasExited && !w.WasStopped))
            {
                Assert.Fail($"Worker {worker.Pid} exited with {worker.ExitCode} while waiting until {what}: {worker.RecentOutput}");
            }

            if (clock.Elapsed > timeout)
            {
                Assert.Fail($"Timed out after {timeout.TotalSeconds} s waiting until {what}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>The default queue's dead records, decoded.</summary>
    public async Task<IReadOnlyList<DeadJob>> ReadDeadAsync()
    {
        var page = await Storage.GetPageAsync(JobDefaults.Queue, PayloadSet.Dead, 0, 1000, CancellationToken.None);
        return [.. page.Select(p => DeadJob.Deserialize(p.Payload))];
    }

    /// <summary>Prints to the test's output (visible with -showLiveOutput and in failure reports).</summary>
    public static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            await worker.DisposeAsync();
        }

        await Storage.DisposeAsync();
        await Ledger.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
