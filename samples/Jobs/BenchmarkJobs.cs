using JobGen;

namespace SampleApp;

/// <summary>Jobs for measuring the worker itself (docs/aot.md): they do nothing, so only the worker's own cost shows.</summary>
public static class BenchmarkJobs
{
    /// <summary>Does nothing. Its own queue keeps measurement runs apart from real work.</summary>
    [BackgroundJob("bench.noop", Queue = "bench", MaxAttempts = 1)]
    public static void NoOp(int sequence, CancellationToken cancellationToken)
    {
        _ = sequence;
        _ = cancellationToken;
    }
}
