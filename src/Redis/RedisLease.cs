namespace JobGen.Storage.Redis;

/// <summary>
/// The in-flight member of a lease: a 16-hex-digit lease number (unique per queue, from the fetch script)
/// followed by the payload bytes. Ack, renew, retry, kill and requeue address the member, so after a lease
/// is rescued and fetched again, the old holder's ack misses instead of dropping the new lease.
/// </summary>
internal static class RedisLease
{
    public const int PrefixLength = 16;

    public static FetchedJob ToFetchedJob(string queue, byte[] member) =>
        new(queue, member.AsMemory(PrefixLength)) { LeaseToken = member };

    public static ReadOnlyMemory<byte> PayloadOf(byte[] member) => member.AsMemory(PrefixLength);

    /// <summary>The member of a job this storage fetched; anything else is a caller's mistake.</summary>
    public static byte[] MemberOf(FetchedJob job) => job.LeaseToken as byte[]
        ?? throw new ArgumentException($"The job from queue '{job.Queue}' was not fetched from a RedisJobStorage (it has no Redis lease).", nameof(job));
}
