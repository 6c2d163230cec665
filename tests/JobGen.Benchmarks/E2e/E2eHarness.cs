using JobGen.TestServers;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// The end-to-end run: Redis ceilings (redis-benchmark), enqueue single, concurrent and bulk, drain (in a separate
/// worker process) and pickup latency, one JSON line each. Any correctness failure (a job lost, run twice, or left
/// behind) fails the whole run with exit code 1; times are reported, never asserted.
/// </summary>
public static class E2eHarness
{
    public static async Task<int> RunAsync(E2eOptions options, TextWriter output)
    {
        try
        {
            await RunCheckedAsync(options, line => output.WriteLine(line.ToJson())).ConfigureAwait(false);
            return 0;
        }
        catch (HarnessFailure failure)
        {
            await Console.Error.WriteLineAsync($"E2E FAILED: {failure.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>Runs every workload and reports each line; throws <see cref="HarnessFailure"/> when a check fails.</summary>
    public static async Task RunCheckedAsync(E2eOptions options, Action<ResultLine> report)
    {
        // Publish first: its CPU must be over before anything is measured (the machine line's load average shows the rest).
        var workers = new List<WorkerBinary>();
        foreach (var worker in options.Workers)
        {
            workers.Add(worker == "aot" ? await AotWorkerPublisher.PublishAsync().ConfigureAwait(false) : WorkerBinary.Jit);
        }

        await using var local = options.Redis is null ? await RedisServer.StartAsync().ConfigureAwait(false) : null;
        var redis = options.Redis ?? local!.Configuration;
        var (host, port) = SplitEndPoint(redis);
        var run = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var ceilings = new RedisCeilings(host, port, run);
        report(MachineLine());

        double? lpush1 = null, lpush16 = null, lmove16 = null;
        if (options.Ceilings && RedisCeilings.IsInstalled())
        {
            lpush1 = await ceilings.LpushSingleClientAsync(Math.Max(20_000, options.Jobs / 2)).ConfigureAwait(false);
            lpush16 = await ceilings.LpushPipelinedAsync(options.Jobs * 10).ConfigureAwait(false);
            lmove16 = await ceilings.LmovePipelinedAsync(options.Jobs * 10).ConfigureAwait(false);
            var lua16 = await ceilings.LuaMovePipelinedAsync(options.Jobs * 5).ConfigureAwait(false);
            await ceilings.CleanupAsync().ConfigureAwait(false);
            report(new ResultLine("ceiling_lpush_1client") { JobsPerSec = lpush1, Ceiling = "redis-benchmark -c 1 -P 1 lpush" });
            report(new ResultLine("ceiling_lpush_p16") { JobsPerSec = lpush16, Ceiling = "redis-benchmark -c 50 -P 16 lpush" });
            report(new ResultLine("ceiling_lmove_p16") { JobsPerSec = lmove16, Ceiling = "redis-benchmark -c 50 -P 16 lmove" });
            report(new ResultLine("ceiling_lua_move_p16") { JobsPerSec = lua16, Ceiling = "redis-benchmark -c 50 -P 16 eval(lmove)" });
            var n = Math.Max(20_000, options.Jobs / 2);
            report(new ResultLine("ceiling_client_lpush_1caller")
            {
                JobsPerSec = await ClientCeilings.LpushOneCallerAsync(redis, $"{run}:client1", n).ConfigureAwait(false),
                Ceiling = "StackExchange.Redis ListLeftPushAsync, one caller awaiting each",
            });
            report(new ResultLine("ceiling_client_lpush_callers")
            {
                JobsPerSec = await ClientCeilings.LpushCallersAsync(redis, $"{run}:client64", options.Jobs, options.Callers).ConfigureAwait(false),
                Ceiling = $"StackExchange.Redis ListLeftPushAsync, {options.Callers} callers",
            });
        }

        var storage = JobGenStack.CreateStorage(redis);
        var client = new JobClient(storage);
        var enqueue = new EnqueueWorkloads(client, storage);
        await using var stats = await RedisCommandStats.ConnectAsync(redis).ConfigureAwait(false);
        async Task Measure(Func<Task<ResultLine>> workload, int jobs)
        {
            var before = await stats.SnapshotAsync().ConfigureAwait(false);
            var redisCpu = await stats.CpuSecondsAsync().ConfigureAwait(false);
            var ownCpu = Environment.CpuUsage.TotalTime;
            var line = await workload().ConfigureAwait(false);
            ownCpu = Environment.CpuUsage.TotalTime - ownCpu;
            redisCpu = await stats.CpuSecondsAsync().ConfigureAwait(false) - redisCpu;
            var (perJob, breakdown) = RedisCommandStats.PerJob(before, await stats.SnapshotAsync().ConfigureAwait(false), jobs);
            report(line with
            {
                RedisCmdsPerJob = perJob,
                RedisCmds = breakdown,
                RedisCpuUsPerJob = redisCpu * 1e6 / jobs,
                CpuUsPerJob = line.CpuUsPerJob ?? ownCpu.TotalMicroseconds / jobs, // the worker's own when it ran in a child
            });
        }

        try
        {
            var drainQueue = $"{run}-drain";
            if (options.Workloads.Contains("single"))
            {
                await Measure(async () => await enqueue.SingleAsync($"{run}-single", options.Jobs).ConfigureAwait(false) with { CeilingPerSec = lpush1 }, options.Jobs).ConfigureAwait(false);
            }

            if (options.Workloads.Contains("concurrent"))
            {
                await Measure(async () => await enqueue.ConcurrentAsync($"{run}-concurrent", options.Jobs, options.Callers).ConfigureAwait(false) with { CeilingPerSec = lpush16 }, options.Jobs).ConfigureAwait(false);
            }

            if (options.Workloads.Contains("bulk"))
            {
                await Measure(async () => await enqueue.BulkAsync(drainQueue, options.Jobs).ConfigureAwait(false) with { CeilingPerSec = lpush16 }, options.Jobs).ConfigureAwait(false);
            }

            if (options.Workloads.Contains("drain"))
            {
                foreach (var worker in workers)
                {
                    // The bulk workload filled the first drain's queue; each further worker gets its own, filled unmeasured.
                    var queue = worker == workers[0] ? drainQueue : $"{drainQueue}{worker.LineSuffix}";
                    if (worker != workers[0])
                    {
                        await enqueue.BulkAsync(queue, options.Jobs).ConfigureAwait(false);
                    }

                    await Measure(async () => await DrainWorkload.RunAsync(worker, redis, queue, options.Jobs, options.Concurrency, options.FetchBatch).ConfigureAwait(false) with { CeilingPerSec = lmove16 }, options.Jobs).ConfigureAwait(false);
                }
            }

            if (options.Workloads.Contains("drain_inmemory"))
            {
                await Measure(() => InMemoryDrainWorkload.RunAsync(options.Jobs, options.Concurrency), options.Jobs).ConfigureAwait(false);
            }

            if (options.Workloads.Contains("latency"))
            {
                foreach (var worker in workers)
                {
                    await Measure(() => LatencyWorkload.RunAsync(worker, redis, client, $"{run}-latency{worker.LineSuffix}", options.LatencyJobs, options.Concurrency), options.LatencyJobs + LatencyWorkload.WarmUp).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (options.Redis is not null)
            {
                await RedisCleanup.DeleteKeysAsync(redis, run).ConfigureAwait(false);
            }

            await storage.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The run's context: figures from a loaded machine are not comparable, so every run says how loaded it was.
    private static ResultLine MachineLine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return new ResultLine("machine")
        {
            Note = $"{Environment.ProcessorCount} cores, load average {load} (1 min) at start, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC",
        };
    }

    private static (string Host, int Port) SplitEndPoint(string endPoint)
    {
        var colon = endPoint.LastIndexOf(':');
        return colon < 0
            ? (endPoint, 6379)
            : (endPoint[..colon], int.Parse(endPoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }
}
