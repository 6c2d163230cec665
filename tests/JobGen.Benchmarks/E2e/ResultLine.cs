using System.Text.Json;

namespace JobGen.Benchmarks.E2e;

/// <summary>One workload's figures, printed as one JSON object per line; fields that do not apply stay null and are omitted.</summary>
public sealed record ResultLine(string Workload)
{
    /// <summary>The worker process that ran the jobs: <c>aot</c> or <c>jit</c>.</summary>
    public string? Worker { get; init; }

    public int? Jobs { get; init; }
    public double? JobsPerSec { get; init; }
    public double? WarmJobsPerSec { get; init; }
    public double? P50Ms { get; init; }
    public double? P99Ms { get; init; }
    public double? RssMb { get; init; }
    public double? AllocBytesPerJob { get; init; }

    /// <summary>CPU time of the process doing the work (the harness when enqueuing, the worker when running jobs) per job.</summary>
    public double? CpuUsPerJob { get; init; }

    /// <summary>The worker's CPU time per job over the second half of a drain (warm).</summary>
    public double? WarmCpuUsPerJob { get; init; }

    /// <summary>redis-server's CPU time per job.</summary>
    public double? RedisCpuUsPerJob { get; init; }
    public double? CeilingPerSec { get; init; }
    public string? Ceiling { get; init; }
    public double? RedisCmdsPerJob { get; init; }
    public string? RedisCmds { get; init; }
    public string? Note { get; init; }

    /// <summary>The JSON text, snake_case keys in a fixed order.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("workload", Workload);
            if (Worker is not null)
            {
                w.WriteString("worker", Worker);
            }

            Number(w, "jobs", Jobs);
            Number(w, "jobs_per_sec", Round(JobsPerSec, 0));
            Number(w, "warm_jobs_per_sec", Round(WarmJobsPerSec, 0));
            Number(w, "p50_ms", Round(P50Ms, 3));
            Number(w, "p99_ms", Round(P99Ms, 3));
            Number(w, "rss_mb", Round(RssMb, 1));
            Number(w, "alloc_bytes_per_job", Round(AllocBytesPerJob, 0));
            Number(w, "cpu_us_per_job", Round(CpuUsPerJob, 2));
            Number(w, "warm_cpu_us_per_job", Round(WarmCpuUsPerJob, 2));
            Number(w, "redis_cpu_us_per_job", Round(RedisCpuUsPerJob, 2));
            Number(w, "ceiling_per_sec", Round(CeilingPerSec, 0));
            Number(w, "redis_cmds_per_job", Round(RedisCmdsPerJob, 3));
            if (RedisCmds is not null)
            {
                w.WriteString("redis_cmds", RedisCmds);
            }

            if (Ceiling is not null)
            {
                w.WriteString("ceiling", Ceiling);
            }

            if (Note is not null)
            {
                w.WriteString("note", Note);
            }

            w.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static double? Round(double? value, int digits) => value is { } v ? Math.Round(v, digits) : null;

    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
    }
}
