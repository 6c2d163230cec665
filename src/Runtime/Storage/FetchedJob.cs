namespace JobGen.Storage;

/// <summary>
/// A leased payload. The exact bytes are the lease's identity (they are the in-flight member in Redis),
/// so a storage acks, retries, kills, renews or requeues by them.
/// </summary>
public sealed class FetchedJob
{
    /// <summary>A leased payload from <paramref name="queue"/>.</summary>
    public FetchedJob(string queue, ReadOnlyMemory<byte> payload)
    {
        Queue = queue;
        Payload = payload;
    }

    /// <summary>The queue it was leased from.</summary>
    public string Queue { get; }

    /// <summary>The encoded envelope exactly as stored.</summary>
    public ReadOnlyMemory<byte> Payload { get; }

    /// <summary>
    /// Storage-private identity of this lease, set by storages whose in-flight entry is not the bare payload
    /// (Redis prefixes each lease with a unique fetch sequence so a stale ack cannot drop a newer lease of the
    /// same bytes). Null for storages that identify leases otherwise (the in-memory store uses the instance).
    /// </summary>
    public object? LeaseToken { get; init; }

    // The worker's bookkeeping (JobGen.Worker.HeldJobs): 1 while this worker holds the lease, and the batch it came in.
    internal int Held;
    internal object? HeldBy;
}
