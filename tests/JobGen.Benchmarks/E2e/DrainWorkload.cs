using JobGen.Benchmarks.Worker;

namespace JobGen.Benchmarks.E2e;

/// <summary>
/// Drain: the queue already holds N no-op jobs; a separate worker process drains it. Throughput is N over the time
/// from the first job's start to the last job's end, as the worker saw them (JIT warm-up included); <c>warm_jobs_per_sec</c>
/// is the second half alone, once the JIT has tiered up; the note also gives the rate from host start. The line is
/// <c>drain</c> for the Native AOT worker (the shipped configuration) and <c>drain_jit</c> for the JIT one.
/// </summary>
public static class DrainWorkload
{
    public static async Task<ResultLine> RunAsync(WorkerBinary binary, string redis, string queue, int jobs, int concurrency, int fetchBatch = 0)
    {
        using var worker = WorkerChild.Start(binary, new WorkerProcessOptions("drain", redis, queue, jobs, concurrency, fetchBatch));
        var result = await worker.ResultAsync().ConfigureAwait(false);
        var startToDone = result.GetProperty("start_to_done_s").GetDouble();
        return new ResultLine("drain" + binary.LineSuffix)
        {
            Worker = binary.Name,
            Jobs = jobs,
            JobsPerSec = jobs / result.GetProperty("first_to_last_s").GetDouble(),
            RssMb = result.GetProperty("rss_peak_mb").GetDouble(),
            AllocBytesPerJob = result.GetProperty("alloc_bytes_per_job").GetDouble(),
            CpuUsPerJob = result.GetProperty("cpu_us_per_job").GetDouble(),
            WarmCpuUsPerJob = result.GetProperty("warm_cpu_us_per_job").GetDouble(),
            WarmJobsPerSec = (jobs - (jobs / 2)) / result.GetProperty("second_half_s").GetDouble(),
            Note = $"concurrency {concurrency}, fetch batch {(fetchBatch == 0 ? $"adaptive {concurrency}-{Math.Max(concurrency, 512)}" : fetchBatch)}, {binary.Name} worker in its own process; "
                + $"from host start {jobs / startToDone:F0} jobs/s; GCs {result.GetProperty("gcs").GetString()}; gen0 budget cap {result.GetProperty("gen0_max_budget").GetInt64() / 1048576.0:0.#} MB",
        };
    }
}
