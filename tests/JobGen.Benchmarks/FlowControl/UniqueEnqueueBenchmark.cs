using System.Diagnostics;
using System.Globalization;
using JobGen.Benchmarks.E2e;
using JobGen.Storage.Redis;
using JobGen.TestServers;

namespace JobGen.Benchmarks.FlowControl;

/// <summary>
/// <c>flow</c>: enqueue throughput of unique jobs against plain ones on a private redis-server (docs/flow-control.md),
/// one caller and 64 concurrent callers, rounds interleaved (plain, unique, plain, unique...) so load on the machine
/// hits both alike; every job has other arguments, so every unique enqueue takes a new lock and stores its job.
/// Prints each round and the median ratio unique/plain.
/// </summary>
public static class UniqueEnqueueBenchmark
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var jobs = Option(args, "--jobs", 20_000);
        var rounds = Option(args, "--rounds", 3);
        await using var redis = await RedisServer.StartAsync().ConfigureAwait(false);
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = redis.Configuration, KeyPrefix = "flow" }).ConfigureAwait(false);
        var client = new JobClient(storage);
        foreach (var callers in new[] { 1, 64 })
        {
            var ratios = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                var plain = await RunAsync(client, storage, $"plain-{callers}-{round}", jobs, callers, unique: false).ConfigureAwait(false);
                var unique = await RunAsync(client, storage, $"unique-{callers}-{round}", jobs, callers, unique: true).ConfigureAwait(false);
                ratios.Add(unique / plain);
                output.WriteLine(FormattableString.Invariant($"callers={callers} round={round + 1} plain={plain:F0} jobs/s unique={unique:F0} jobs/s ratio={unique / plain:F2}"));
            }

            ratios.Sort();
            output.WriteLine(FormattableString.Invariant($"callers={callers} median ratio unique/plain={ratios[ratios.Count / 2]:F2}"));
        }

        return 0;
    }

    private static async Task<double> RunAsync(IJobClient client, JobGen.Storage.IJobStorage storage, string queue, int jobs, int callers, bool unique)
    {
        var options = new EnqueueOptions { Queue = queue, Unique = unique ? new UniqueOptions() : null };
        var next = -1;
        async Task CallerAsync()
        {
            int seq;
            while ((seq = Interlocked.Increment(ref next)) < jobs)
            {
                await JobGenStack.EnqueueNoopAsync(client, seq, options).ConfigureAwait(false);
            }
        }

        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(CallerAsync))).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var counts = await storage.GetQueueCountsAsync(queue, CancellationToken.None).ConfigureAwait(false);
        if (counts.Ready != jobs)
        {
            throw new HarnessFailure($"Queue '{queue}' holds {counts.Ready} ready jobs after enqueueing {jobs}.");
        }

        return jobs / elapsed.TotalSeconds;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
