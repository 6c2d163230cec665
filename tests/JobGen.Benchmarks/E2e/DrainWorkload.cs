namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Drain: the queue already holds N no-op jobs; a separate worker process drains it. Throughput is N over the time
/// from the first job's start to the last job's end, as the worker saw them; the note also gives it from host start.
/// </summary>
public static class DrainWorkload
{
    public static async Task<ResultLine> RunAsync(string redis, string queue, int jobs, int concurrency)
    {
        using var worker = WorkerChild.Start(new WorkerProcessOptions("drain", redis, queue, jobs, concurrency));
        var result = await worker.ResultAsync().ConfigureAwait(false);
        var startToDone = result.GetProperty("start_to_done_s").GetDouble();
        return new ResultLine("drain")
        {
            Jobs = jobs,
            JobsPerSec = jobs / result.GetProperty("first_to_last_s").GetDouble(),
            RssMb = result.GetProperty("rss_peak_mb").GetDouble(),
            Note = $"concurrency {concurrency}, worker in its own process; from host start {jobs / startToDone:F0} jobs/s",
        };
    }
}
