using System.Diagnostics;

namespace JobGen.Benchmarks.Worker;

/// <summary>
/// Enqueue-to-start delay of each ping job, from the Stopwatch timestamp the caller passed as the argument
/// (the envelope's EnqueuedAt has millisecond resolution only). Stopwatch is CLOCK_MONOTONIC, shared by the processes of one machine.
/// </summary>
public static class LatencyLedger
{
    /// <summary>Pings sent before the measured ones, to warm both sides up; excluded from the percentiles.</summary>
    public const int WarmUp = 100;

    private static double[] s_ms = [];
    private static int[] s_runs = [];
    private static int s_total;
    private static int s_expected;
    private static TaskCompletionSource s_done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Reset(int jobs)
    {
        s_ms = new double[jobs];
        s_runs = new int[jobs];
        s_total = 0;
        s_expected = jobs;
        s_done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static Task AllRan => s_done.Task;

    /// <summary>Called by the ping job as it starts.</summary>
    public static void Record(int seq, long enqueuedTimestamp)
    {
        var ms = Stopwatch.GetElapsedTime(enqueuedTimestamp).TotalMilliseconds;
        if ((uint)seq < (uint)s_runs.Length)
        {
            s_ms[seq] = ms;
            Interlocked.Increment(ref s_runs[seq]);
        }

        if (Interlocked.Increment(ref s_total) == s_expected)
        {
            s_done.TrySetResult();
        }
    }

    /// <summary>The delays of jobs <paramref name="from"/>.. (warm-up excluded), sorted.</summary>
    public static double[] SortedFrom(int from)
    {
        var ms = s_ms[from..];
        Array.Sort(ms);
        return ms;
    }

    /// <summary>Null when every ping ran exactly once, else what went wrong.</summary>
    public static string? Verify()
    {
        var missing = s_runs.Count(n => n == 0);
        var duplicated = s_runs.Count(n => n > 1);
        return missing == 0 && duplicated == 0 && Volatile.Read(ref s_total) == s_runs.Length
            ? null
            : $"{s_runs.Length} pings expected exactly once: {missing} never ran, {duplicated} ran more than once.";
    }
}
