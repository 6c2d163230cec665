using JobGen;

namespace SampleApp;

/// <summary>Jobs for measuring the worker itself (docs/aot.md): they do next to nothing, so only the worker's own cost shows.</summary>
public sealed class BenchmarkJobs(IJobJournal journal)
{
    /// <summary>Writes one journal line: tells a measurement when the worker got this far.</summary>
    [BackgroundJob("bench.mark", Queue = "bench", MaxAttempts = 1)]
    public ValueTask Mark(string label, CancellationToken cancellationToken) =>
        journal.WriteAsync($"bench.mark label={label}", cancellationToken);

    /// <summary>Does nothing. Its own queue keeps measurement runs apart from real work.</summary>
    [BackgroundJob("bench.noop", Queue = "bench", MaxAttempts = 1)]
    public static void NoOp(int sequence, CancellationToken cancellationToken)
    {
        _ = sequence;
        _ = cancellationToken;
    }
}
