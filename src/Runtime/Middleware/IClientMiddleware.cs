namespace JobGen;

/// <summary>The rest of the client chain: the next middleware, or the store.</summary>
public delegate ValueTask EnqueueDelegate();

/// <summary>
/// Runs in <see cref="JobClient"/> for every job enqueued, before it is stored: it may add headers (trace
/// context, tenant), change the queue or due time, or veto the job by not calling <c>next</c>
/// (the enqueue then returns an empty job id and stores nothing). Registered in DI; the first registered runs
/// outermost. The client is a singleton, so client middleware must not depend on scoped services.
/// </summary>
public interface IClientMiddleware
{
    /// <summary>Runs around one enqueue.</summary>
    ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken);
}

/// <summary>A job about to be stored, as client middleware sees and may change it.</summary>
public sealed class EnqueueContext
{
    private readonly Dictionary<string, string> _headers;

    internal EnqueueContext(in JobDescription job)
    {
        JobId = job.Id;
        Job = job.Job;
        Arguments = job.Arguments;
        Queue = job.Queue;
        MaxAttempts = job.MaxAttempts;
        DueAt = job.DueAt;
        _headers = new Dictionary<string, string>(job.Headers, StringComparer.Ordinal);
    }

    /// <summary>The job as the chain left it: what the client encodes.</summary>
    internal JobDescription Description =>
        new(JobId, Job, Queue, MaxAttempts, Arguments, DueAt, _headers.Count == 0 ? JobDescription.NoHeaders : _headers);

    /// <summary>The id the job gets.</summary>
    public string JobId { get; }

    /// <summary>The stable job id.</summary>
    public string Job { get; }

    /// <summary>The encoded arguments (read-only: they belong to the job's schema).</summary>
    public ReadOnlyMemory<byte> Arguments { get; }

    /// <summary>The queue it will be stored on.</summary>
    public string Queue { get; set; }

    /// <summary>Runs allowed before it dies.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>When it becomes due; null (or a past time) for now.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>Headers the job will carry; add or change entries here.</summary>
    public IDictionary<string, string> Headers => _headers;

    /// <summary>True once the chain reached the store (false after a veto).</summary>
    public bool Stored { get; internal set; }
}
