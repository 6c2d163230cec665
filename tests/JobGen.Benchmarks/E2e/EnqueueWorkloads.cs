using System.Diagnostics;
using JobGen.Storage;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// The three enqueue workloads, each into its own queue, each checked afterwards: the queue must hold exactly the
/// jobs enqueued. Job sequence numbers are 0..N-1, so the bulk queue is the drain workload's input.
/// </summary>
public sealed class EnqueueWorkloads(IJobClient client, IJobStorage storage)
{
    /// <summary>One caller awaiting each enqueue: the round-trip bound.</summary>
    public async Task<ResultLine> SingleAsync(string queue, int jobs)
    {
        var options = new EnqueueOptions { Queue = queue };
        var started = Stopwatch.GetTimestamp();
        for (var seq = 0; seq < jobs; seq++)
        {
            await JobGenStack.EnqueueNoopAsync(client, seq, options).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await ExpectReadyAsync(queue, jobs).ConfigureAwait(false);
        return new ResultLine("enqueue_single") { Jobs = jobs, JobsPerSec = jobs / elapsed.TotalSeconds };
    }

    /// <summary><paramref name="callers"/> concurrent callers, each awaiting its own enqueues (a busy web server).</summary>
    public async Task<ResultLine> ConcurrentAsync(string queue, int jobs, int callers)
    {
        var options = new EnqueueOptions { Queue = queue };
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
        await ExpectReadyAsync(queue, jobs).ConfigureAwait(false);
        return new ResultLine("enqueue_concurrent") { Jobs = jobs, JobsPerSec = jobs / elapsed.TotalSeconds, Note = $"{callers} callers" };
    }

    /// <summary><c>EnqueueManyAsync</c> in batches of <paramref name="batch"/>, requests built from the generated factory.</summary>
    public async Task<ResultLine> BulkAsync(string queue, int jobs, int batch = 1_000)
    {
        var requests = new List<JobRequest>(batch);
        var started = Stopwatch.GetTimestamp();
        for (var seq = 0; seq < jobs; seq += batch)
        {
            requests.Clear();
            for (var i = seq; i < Math.Min(jobs, seq + batch); i++)
            {
                requests.Add(JobGenStack.NoopRequest(i, queue));
            }

            await client.EnqueueManyAsync(requests).ConfigureAwait(false);
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        await ExpectReadyAsync(queue, jobs).ConfigureAwait(false);
        return new ResultLine("enqueue_bulk") { Jobs = jobs, JobsPerSec = jobs / elapsed.TotalSeconds, Note = $"batches of {batch}" };
    }

    private async Task ExpectReadyAsync(string queue, int jobs)
    {
        var counts = await storage.GetQueueCountsAsync(queue, CancellationToken.None).ConfigureAwait(false);
        if (counts.Ready != jobs)
        {
            throw new HarnessFailure($"Queue '{queue}' holds {counts.Ready} ready jobs after enqueueing {jobs}.");
        }
    }
}

/// <summary>A correctness check of the harness failed: the run is invalid and exits non-zero.</summary>
public sealed class HarnessFailure(string message) : Exception(message);
