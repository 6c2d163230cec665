namespace JobGen;

/// <summary>
/// Marks a method as a background job. At build time JobGen's generator emits typed
/// <c>Enqueue{Method}Async</c>/<c>Schedule{Method}Async</c> extension methods on <see cref="IJobClient"/>,
/// a formatter for the arguments and a direct-call dispatch entry.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class BackgroundJobAttribute : Attribute
{
    /// <summary>Uses the default job id, derived from the containing type and the method name.</summary>
    public BackgroundJobAttribute()
    {
    }

    /// <summary>Uses an explicit, stable job id (for example <c>"emails.welcome"</c>) that survives renames.</summary>
    public BackgroundJobAttribute(string id)
    {
        Id = id;
    }

    /// <summary>The explicit job id, or null for the default one.</summary>
    public string? Id { get; }

    /// <summary>The queue the job is enqueued on unless the caller overrides it.</summary>
    public string Queue { get; set; } = JobDefaults.Queue;

    /// <summary>How many times the job may run before it goes to the dead set (first run included).</summary>
    public int MaxAttempts { get; set; } = JobDefaults.MaxAttempts;

    /// <summary>
    /// The job's priority within its queue on storages that order by priority (PostgreSQL): lower runs first, the
    /// default is 0 and negative values jump ahead. The generated enqueue methods carry it as the job's
    /// <c>priority</c> header; a per-call <c>priority</c> header overrides it. Storages without priorities (Redis,
    /// in-memory) ignore it and run each queue in enqueue order.
    /// </summary>
    public int Priority { get; set; }

    /// <summary>Per-run timeout in seconds; 0 means none. On timeout the job's token is cancelled and the run counts as failed.</summary>
    public int TimeoutSeconds { get; set; }

    /// <summary>
    /// A job not started within this many seconds of when it is due is not run: it is counted and kept as expired,
    /// not retried (docs/flow-control.md). 0 means it never expires.
    /// </summary>
    public int ExpiresAfterSeconds { get; set; }
}
