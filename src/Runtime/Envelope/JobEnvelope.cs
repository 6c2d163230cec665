using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace JobGen;

/// <summary>
/// One job on the wire: the stable job id, where it runs, its encoded arguments and its run history.
/// Encoded by <see cref="EnvelopeSerializer"/> as a MessagePack map with integer keys and a format version;
/// unknown keys are skipped so older workers survive newer clients.
/// </summary>
public sealed class JobEnvelope
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);
    private readonly ReadOnlyMemory<byte> _idUtf8;
    private string? _id;

    /// <summary>An envelope; set every required member.</summary>
    public JobEnvelope()
    {
    }

    /// <summary>
    /// A decoded envelope whose id stays UTF-8 bytes (a slice of the payload) until someone reads <see cref="Id"/>:
    /// most runs never do (it is for logs, traces and <see cref="JobContext"/>), so the worker skips a string per job.
    /// </summary>
    [SetsRequiredMembers]
#pragma warning disable CS8618 // Id is never null: its getter decodes _idUtf8 when _id is unset; the compiler cannot see through the getter.
    internal JobEnvelope(ReadOnlyMemory<byte> idUtf8, string job, string queue)
#pragma warning restore CS8618
    {
        _idUtf8 = idUtf8;
        Job = job;
        Queue = queue;
    }

    /// <summary>Unique id of this enqueued job (returned by Enqueue).</summary>
    public required string Id
    {
        get => _id ??= Encoding.UTF8.GetString(_idUtf8.Span); // a race decodes twice to equal strings: harmless
        init => _id = value;
    }

    /// <summary>The stable job id that selects the method to call.</summary>
    public required string Job { get; init; }

    /// <summary>What created the job.</summary>
    public JobKind Kind { get; init; }

    /// <summary>The queue the job waits on.</summary>
    public required string Queue { get; init; }

    /// <summary>The arguments as written by the job's generated formatter (a MessagePack array).</summary>
    public ReadOnlyMemory<byte> Arguments { get; init; }

    /// <summary>When the client created the job.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the job was last made ready (enqueue, due time, retry or manual retry).</summary>
    public DateTimeOffset EnqueuedAt { get; init; }

    /// <summary>Runs already made; 0 before the first.</summary>
    public int Attempt { get; init; }

    /// <summary>Runs allowed before the job dies.</summary>
    public int MaxAttempts { get; init; } = JobDefaults.MaxAttempts;

    /// <summary>The last failure, "Type: message", or null.</summary>
    public string? LastError { get; init; }

    /// <summary>String headers: trace context, tenant, middleware data.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; init; } = NoHeaders;

    /// <summary>A copy for the next attempt after a failure.</summary>
    public JobEnvelope ForRetry(string lastError, DateTimeOffset enqueuedAt) => new()
    {
        Id = Id,
        Job = Job,
        Kind = Kind,
        Queue = Queue,
        Arguments = Arguments,
        CreatedAt = CreatedAt,
        EnqueuedAt = enqueuedAt,
        Attempt = Attempt + 1,
        MaxAttempts = MaxAttempts,
        LastError = lastError,
        Headers = Headers,
    };
}

/// <summary>What created a job.</summary>
public enum JobKind : byte
{
    /// <summary>An Enqueue or Schedule call.</summary>
    Once = 0,

    /// <summary>A recurring schedule.</summary>
    Recurring = 1,
}
