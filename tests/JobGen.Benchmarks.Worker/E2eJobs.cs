namespace JobGen.Benchmarks.Worker;

/// <summary>The end-to-end harness's jobs: a no-op that only records its run, and a ping that records its pickup delay.</summary>
public static class E2eJobs
{
    /// <summary>The queue the jobs name; every workload overrides it with its own queue.</summary>
    public const string Queue = "bench";

    [BackgroundJob("bench.noop", Queue = Queue)]
    public static void Noop(int seq) => RunLedger.Mark(seq);

    [BackgroundJob("bench.ping", Queue = Queue)]
    public static void Ping(int seq, long enqueuedTimestamp) => LatencyLedger.Record(seq, enqueuedTimestamp);
}
