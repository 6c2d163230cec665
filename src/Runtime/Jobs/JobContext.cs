namespace JobGen;

/// <summary>
/// What a running job may know about itself. Declare a <see cref="JobContext"/> parameter on a job method
/// and the worker supplies it, like the <see cref="CancellationToken"/>; it is not part of the payload.
/// </summary>
public sealed class JobContext
{
    private readonly JobEnvelope _envelope;

    /// <summary>
    /// The context of the run of <paramref name="envelope"/>. It keeps its own copy: the worker decodes every run into
    /// its loop's one envelope, and a context may outlive its run (a job that hands it to background work).
    /// </summary>
    public JobContext(JobEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        _envelope = envelope.Copy();
    }

    /// <summary>The unique id of this enqueued job (the one Enqueue returned).</summary>
    public string JobId => _envelope.Id;

    /// <summary>The stable job id of the method (attribute id or the default one).</summary>
    public string Job => _envelope.Job;

    /// <summary>The queue it was fetched from.</summary>
    public string Queue => _envelope.Queue;

    /// <summary>1 for the first run, 2 for the first retry, and so on.</summary>
    public int Attempt => _envelope.Attempt + 1;

    /// <summary>Attempts allowed before the job dies.</summary>
    public int MaxAttempts => _envelope.MaxAttempts;

    /// <summary>When the client created the job: a stable time to use instead of <c>DateTime.UtcNow</c>.</summary>
    public DateTimeOffset CreatedAt => _envelope.CreatedAt;

    /// <summary>When the job was last put on its queue (or was due, for a scheduled job).</summary>
    public DateTimeOffset EnqueuedAt => _envelope.EnqueuedAt;

    /// <summary>String headers set by the caller or by client middleware (trace context, tenant...).</summary>
    public IReadOnlyDictionary<string, string> Headers => _envelope.Headers;

    /// <summary>The recurring schedule that enqueued this job, or null for a job enqueued by a call.</summary>
    public string? ScheduleName => _envelope.Headers.TryGetValue(RecurringHeaders.Schedule, out var name) ? name : null;

    /// <summary>
    /// The tick of <see cref="ScheduleName"/> this run is for (UTC): the time the job stands for, stable across retries,
    /// to use instead of reading the clock. Null for a job enqueued by a call.
    /// </summary>
    public DateTimeOffset? TickTime => TickPayload.ParseTick(_envelope.Headers.TryGetValue(RecurringHeaders.Tick, out var tick) ? tick : null);
}
