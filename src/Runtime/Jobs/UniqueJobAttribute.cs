namespace JobGen;

/// <summary>
/// Makes a job unique (docs/flow-control.md): while a job with the same job id and the same arguments (or the same
/// <c>idempotency-key</c> header) holds the lock, enqueueing it again stores nothing and returns the existing job's id.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class UniqueJobAttribute : Attribute
{
    /// <summary>When the lock is released; a job that dies always releases it.</summary>
    public UniqueUntil Until { get; set; } = UniqueUntil.Succeeded;

    /// <summary>
    /// How long the lock lives at most, in seconds from when the job is due: required with
    /// <see cref="UniqueUntil.LockExpires"/>, an upper bound with the other lifetimes (0: none).
    /// </summary>
    public int LockSeconds { get; set; }
}

/// <summary>When a unique job's lock is released (a job that dies always releases it).</summary>
public enum UniqueUntil : byte
{
    /// <summary>When a worker starts the job: a duplicate may be enqueued while it runs.</summary>
    Started = 0,

    /// <summary>When the job succeeds: a retry keeps the lock.</summary>
    Succeeded = 1,

    /// <summary>When the lock's time span (<see cref="UniqueJobAttribute.LockSeconds"/>) has passed, whatever the job did.</summary>
    LockExpires = 2,
}

/// <summary>Uniqueness for one enqueue (<see cref="EnqueueOptions.Unique"/>, or a request built for a <c>[UniqueJob]</c>).</summary>
/// <param name="Until">When the lock is released.</param>
public sealed record UniqueOptions(UniqueUntil Until = UniqueUntil.Succeeded)
{
    /// <summary>How long the lock lives at most from when the job is due; required with <see cref="UniqueUntil.LockExpires"/>.</summary>
    public TimeSpan? LockFor { get; init; }

    /// <summary>The header whose value, when a job carries it, is the job's uniqueness key instead of its arguments.</summary>
    public const string IdempotencyKeyHeader = "idempotency-key";
}

/// <summary>The unique lock a job carries in its envelope: its full key and when the worker releases it.</summary>
/// <param name="Key">The lock's key: the job id and a hash of the encoded arguments, or the job id and the idempotency key.</param>
/// <param name="Until">When the lock is released.</param>
public sealed record UniqueLockInfo(string Key, UniqueUntil Until);

/// <summary>What one enqueue did: the job's id, and whether it was a duplicate of a unique job already held (then nothing was stored).</summary>
/// <param name="Id">The new job's id, or the existing job's id for a duplicate.</param>
/// <param name="Duplicate">True when a job holding the same unique lock was already there.</param>
public readonly record struct EnqueueResult(string Id, bool Duplicate);
