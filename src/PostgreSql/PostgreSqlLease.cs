namespace JobGen.Storage.PostgreSql;

/// <summary>
/// A lease's identity: the job row and its lease number, which every fetch increments. Ack, renew, retry, kill and
/// requeue match both, so after a lease is rescued and fetched again, the old holder's ack misses the new lease.
/// </summary>
internal sealed class PostgreSqlLease(long id, int number)
{
    public long Id { get; } = id;

    public int Number { get; } = number;

    /// <summary>The lease of a job this storage fetched; anything else is a caller's mistake.</summary>
    public static PostgreSqlLease Of(FetchedJob job) => job.LeaseToken as PostgreSqlLease
        ?? throw new ArgumentException($"The job from queue '{job.Queue}' was not fetched from a PostgreSqlJobStorage (it has no PostgreSQL lease).", nameof(job));
}
