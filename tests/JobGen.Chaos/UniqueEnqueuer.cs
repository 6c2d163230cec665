using System.Globalization;
using JobGen.Storage.Redis;

namespace JobGen.Chaos;

/// <summary>
/// The <c>enqueue-unique</c> mode: one of several processes racing to enqueue the same unique job. Connects, waits for
/// the common start time, then makes <c>--callers</c> concurrent <see cref="IJobClient.TryEnqueueAsync"/> calls of
/// <see cref="UniqueJobs.UniqueImport"/> with one argument, and prints one line per call: <c>result ID new|duplicate</c>.
/// </summary>
public static class UniqueEnqueuer
{
    public static async Task<int> RunAsync(IReadOnlyDictionary<string, string> options, TextWriter output)
    {
        var callers = int.Parse(options["callers"], CultureInfo.InvariantCulture);
        var startAt = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(options["start-at"], CultureInfo.InvariantCulture));
        await using var storage = await RedisJobStorage.ConnectAsync(new RedisStorageOptions { Configuration = options["redis"], KeyPrefix = options["prefix"] }).ConfigureAwait(false);
        var client = new JobClient(storage);
        var request = JobGenChaosJobs.CreateUniqueImportRequest(options["file"]);
        if (startAt - DateTimeOffset.UtcNow is { } wait && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait).ConfigureAwait(false);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () => await client.TryEnqueueAsync(request).ConfigureAwait(false)))).ConfigureAwait(false);
        foreach (var result in results)
        {
            output.WriteLine($"result {result.Id} {(result.Duplicate ? "duplicate" : "new")}");
        }

        return 0;
    }
}

/// <summary>The unique job the racing processes enqueue (it is never run by these tests).</summary>
public static class UniqueJobs
{
    [BackgroundJob("chaos.unique-import")]
    [UniqueJob(Until = UniqueUntil.Succeeded)]
    public static Task UniqueImport(string file) => Task.CompletedTask;
}
