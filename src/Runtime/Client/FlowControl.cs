using System.Security.Cryptography;
using JobGen.Storage;

namespace JobGen;

/// <summary>
/// The client's side of expiring and unique jobs (docs/flow-control.md): when a job expires, whether it is unique,
/// and the key and lifetime of its lock. Jobs without these options never reach this code past a null check.
/// </summary>
internal static class FlowControl
{
    /// <summary>An explicit expiry wins; else the job's span counted from when it is due (now for a job due already).</summary>
    public static DateTimeOffset? ExpiresAt(DateTimeOffset? explicitAt, TimeSpan? after, DateTimeOffset? dueAt, DateTimeOffset now)
    {
        if (explicitAt is { } at)
        {
            return at;
        }

        if (after is not { } span)
        {
            return null;
        }

        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(span, TimeSpan.Zero, "ExpiresAfter");
        return (dueAt is { } due && due > now ? due : now) + span;
    }

    /// <summary>The job's uniqueness: its own, or, for a job that carries an idempotency key, unique until it succeeds.</summary>
    public static UniqueOptions? Uniqueness(UniqueOptions? unique, IReadOnlyDictionary<string, string> headers) =>
        unique ?? (headers.Count != 0 && headers.ContainsKey(UniqueOptions.IdempotencyKeyHeader) ? new UniqueOptions() : null);

    /// <summary>
    /// The lock for job <paramref name="jobId"/>: keyed by the job id and its idempotency key when it has one, else by
    /// the job id and a hash of its encoded arguments (the encoding is canonical, so equal arguments hash equal).
    /// </summary>
    public static UniqueLock Lock(UniqueOptions unique, string jobId, string job, ReadOnlySpan<byte> arguments, IReadOnlyDictionary<string, string> headers, DateTimeOffset dueAt)
    {
        if (unique.Until == UniqueUntil.LockExpires && unique.LockFor is not { } _)
        {
            throw new ArgumentException($"Job '{job}' is unique until its lock expires but has no lock span (UniqueOptions.LockFor, [UniqueJob(LockSeconds = ...)]).");
        }

        if (unique.LockFor is { } span && span <= TimeSpan.Zero)
        {
            throw new ArgumentException($"Job '{job}' has a unique lock span of {span}: it must be positive.");
        }

        var key = headers.Count != 0 && headers.TryGetValue(UniqueOptions.IdempotencyKeyHeader, out var explicitKey) && explicitKey.Length > 0
            ? job + ":key:" + explicitKey
            : job + ":args:" + ArgumentsHash(arguments);
        return new UniqueLock(key, jobId, dueAt + unique.LockFor);
    }

    // 128 bits of SHA-256: collisions are out of reach, and it is in the base library on every platform.
    private static string ArgumentsHash(ReadOnlySpan<byte> arguments)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(arguments, hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
