using System.Diagnostics;

namespace JobGen.Benchmarks.Worker;

/// <summary>
/// Counts runs per job sequence number, so a workload proves every job ran exactly once (a count alone would let a
/// lost job and a duplicate cancel out). Static because the jobs are static methods called by the generated dispatcher.
/// </summary>
public static class RunLedger
{
    private static int[] s_runs = [];
    private static int s_total;
    private static int s_expected;
    private static long s_firstStart;
    private static long s_lastEnd;
    private static long s_halfway;
    private static long s_halfwayCpuTicks;
    private static TaskCompletionSource s_done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Expects jobs 0..<paramref name="jobs"/>-1 from now on.</summary>
    public static void Reset(int jobs)
    {
        s_runs = new int[jobs];
        s_expected = jobs;
        s_total = 0;
        s_firstStart = 0;
        s_lastEnd = 0;
        s_halfway = 0;
        s_done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes when as many runs as expected were seen (duplicates count: <see cref="Verify"/> tells).</summary>
    public static Task AllRan => s_done.Task;

    /// <summary>Runs seen so far.</summary>
    public static int Total => Volatile.Read(ref s_total);

    /// <summary>Stopwatch time from the first run to the last one.</summary>
    public static TimeSpan Span => Stopwatch.GetElapsedTime(Interlocked.Read(ref s_firstStart), Interlocked.Read(ref s_lastEnd));

    /// <summary>Stopwatch time from the run that completed the first half of the jobs to the last run: the warm (JIT-tiered) rate.</summary>
    public static TimeSpan SecondHalf => Stopwatch.GetElapsedTime(Interlocked.Read(ref s_halfway), Interlocked.Read(ref s_lastEnd));

    /// <summary>This process's CPU time when half of the jobs had run.</summary>
    public static TimeSpan CpuAtHalfway => TimeSpan.FromTicks(Interlocked.Read(ref s_halfwayCpuTicks));

    /// <summary>Called by the no-op job.</summary>
    public static void Mark(int seq)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.CompareExchange(ref s_firstStart, now, 0);
        var runs = s_runs;
        if ((uint)seq < (uint)runs.Length)
        {
            Interlocked.Increment(ref runs[seq]);
        }

        Interlocked.Exchange(ref s_lastEnd, now);
        var total = Interlocked.Increment(ref s_total);
        if (total == s_expected / 2)
        {
            Interlocked.Exchange(ref s_halfway, now);
            Interlocked.Exchange(ref s_halfwayCpuTicks, Environment.CpuUsage.TotalTime.Ticks);
        }

        if (total == s_expected)
        {
            s_done.TrySetResult();
        }
    }

    /// <summary>Null when every expected job ran exactly once, else what went wrong.</summary>
    public static string? Verify()
    {
        var runs = s_runs;
        int missing = 0, duplicated = 0;
        foreach (var n in runs)
        {
            missing += n == 0 ? 1 : 0;
            duplicated += n > 1 ? 1 : 0;
        }

        var total = Total;
        return missing == 0 && duplicated == 0 && total == runs.Length
            ? null
            : $"{runs.Length} jobs expected exactly once: {missing} never ran, {duplicated} ran more than once, {total} runs in all (out-of-range sequence numbers included).";
    }
}
