namespace JobGen;

/// <summary>
/// A job to enqueue: the stable job id, its default queue and attempts, and its already-encoded arguments.
/// Built by generated code (<c>Create{Method}Request</c>), so the arguments always match the job's schema.
/// </summary>
/// <param name="Job">The stable job id.</param>
/// <param name="Queue">The queue.</param>
/// <param name="MaxAttempts">Runs allowed before the job dies.</param>
/// <param name="Arguments">The arguments, written by the job's generated formatter.</param>
public readonly record struct JobRequest(string Job, string Queue, int MaxAttempts, ReadOnlyMemory<byte> Arguments)
{
    /// <summary>Run no earlier than this time (a scheduled job); null runs as soon as possible.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Run after this delay from the enqueue; ignored when <see cref="RunAt"/> is set.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Headers to carry with this job.</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>The job expires when not started within this span of its due time (<c>[BackgroundJob(ExpiresAfterSeconds)]</c>).</summary>
    public TimeSpan? ExpiresAfter { get; init; }

    /// <summary>The job's uniqueness (<c>[UniqueJob]</c>); null for none.</summary>
    public UniqueOptions? Unique { get; init; }
}
