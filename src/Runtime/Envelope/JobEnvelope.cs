using System.Text;

namespace JobGen;

/// <summary>
/// One job on the wire: the stable job id, where it runs, its encoded arguments and its run history.
/// Encoded by <see cref="EnvelopeWriter"/> as a MessagePack map with integer keys and a format version;
/// unknown keys are skipped so older workers survive newer clients.
/// </summary>
public sealed class JobEnvelope
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);

    // Backing fields rather than auto-properties: the worker decodes each run into its loop's one envelope (Set),
    // which init-only auto-properties would not allow.
    private ReadOnlyMemory<byte> _idUtf8;
    private string? _id;
    private string _job = string.Empty;
    private JobKind _kind;
    private string _queue = string.Empty;
    private ReadOnlyMemory<byte> _arguments;
    private DateTimeOffset _createdAt;
    private DateTimeOffset _enqueuedAt;
    private int _attempt;
    private int _maxAttempts = JobDefaults.MaxAttempts;
    private string? _lastError;
    private IReadOnlyDictionary<string, string> _headers = NoHeaders;
    private DateTimeOffset? _expiresAt;
    private UniqueLockInfo? _unique;
    private int _signedLength = -1;
    private ReadOnlyMemory<byte> _signature;

    /// <summary>An envelope; set every required member.</summary>
    public JobEnvelope()
    {
    }

    /// <summary>An envelope to decode into (<see cref="Set"/> overwrites every field).</summary>
    internal static JobEnvelope ForDecoding() => new() { Id = string.Empty, Job = string.Empty, Queue = string.Empty };

    /// <summary>Unique id of this enqueued job (returned by Enqueue).</summary>
    public required string Id
    {
        get => _id ??= Encoding.UTF8.GetString(_idUtf8.Span); // a race decodes twice to equal strings: harmless
        init => _id = value;
    }

    /// <summary>The stable job id that selects the method to call.</summary>
    public required string Job { get => _job; init => _job = value; }

    /// <summary>What created the job.</summary>
    public JobKind Kind { get => _kind; init => _kind = value; }

    /// <summary>The queue the job waits on.</summary>
    public required string Queue { get => _queue; init => _queue = value; }

    /// <summary>The arguments as written by the job's generated formatter (a MessagePack array).</summary>
    public ReadOnlyMemory<byte> Arguments { get => _arguments; init => _arguments = value; }

    /// <summary>When the client created the job.</summary>
    public DateTimeOffset CreatedAt { get => _createdAt; init => _createdAt = value; }

    /// <summary>When the job was last made ready (enqueue, due time, retry or manual retry).</summary>
    public DateTimeOffset EnqueuedAt { get => _enqueuedAt; init => _enqueuedAt = value; }

    /// <summary>Runs already made; 0 before the first.</summary>
    public int Attempt { get => _attempt; init => _attempt = value; }

    /// <summary>Runs allowed before the job dies.</summary>
    public int MaxAttempts { get => _maxAttempts; init => _maxAttempts = value; }

    /// <summary>The last failure, "Type: message", or null.</summary>
    public string? LastError { get => _lastError; init => _lastError = value; }

    /// <summary>String headers: trace context, tenant, middleware data.</summary>
    public IReadOnlyDictionary<string, string> Headers { get => _headers; init => _headers = value; }

    /// <summary>After this time the job is not run any more: it is counted and kept as expired (docs/flow-control.md).</summary>
    public DateTimeOffset? ExpiresAt { get => _expiresAt; init => _expiresAt = value; }

    /// <summary>The unique lock the job holds, or null for a job enqueued without one (docs/flow-control.md).</summary>
    public UniqueLockInfo? Unique { get => _unique; init => _unique = value; }

    /// <summary>How many leading payload bytes the signature covers; -1 when the decoded envelope is not signed.</summary>
    internal int SignedLength => _signedLength;

    /// <summary>The signature entry's value (key id and MAC, see <see cref="EnvelopeSigner"/>), a slice of the payload.</summary>
    internal ReadOnlyMemory<byte> SignatureValue => _signature;

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
        ExpiresAt = ExpiresAt,
        Unique = Unique,
    };

    /// <summary>Every value, for <see cref="EnvelopeWriter"/>.</summary>
    internal EnvelopeFields ToFields() => new(
        Id, Job, Kind, Queue, Arguments, CreatedAt.ToUnixTimeMilliseconds(), EnqueuedAt.ToUnixTimeMilliseconds(), Attempt, MaxAttempts, LastError, Headers,
        ExpiresAt?.ToUnixTimeMilliseconds(), Unique?.Key, Unique?.Until ?? UniqueUntil.Started);

    /// <summary>
    /// Overwrites every field with a newly decoded job (the worker's per-loop envelope; see <see cref="Copy"/>). The id
    /// stays UTF-8 bytes (a slice of the payload) until someone reads <see cref="Id"/>: most runs never do (it is for
    /// logs, traces and <see cref="JobContext"/>), so the worker skips a string per job.
    /// </summary>
    internal void Set(
        ReadOnlyMemory<byte> idUtf8, string job, JobKind kind, string queue, ReadOnlyMemory<byte> arguments, DateTimeOffset createdAt,
        DateTimeOffset enqueuedAt, int attempt, int maxAttempts, string? lastError, IReadOnlyDictionary<string, string>? headers,
        DateTimeOffset? expiresAt = null, UniqueLockInfo? unique = null)
    {
        _idUtf8 = idUtf8;
        _id = null;
        _job = job;
        _kind = kind;
        _queue = queue;
        _arguments = arguments;
        _createdAt = createdAt;
        _enqueuedAt = enqueuedAt;
        _attempt = attempt;
        _maxAttempts = maxAttempts;
        _lastError = lastError;
        _headers = headers ?? NoHeaders; // shared: most jobs carry none, and nobody may mutate it
        _expiresAt = expiresAt;
        _unique = unique;
        _signedLength = -1;
        _signature = default;
    }

    /// <summary>Records where the decoded payload's signature is (called by the reader after <see cref="Set"/>).</summary>
    internal void SetSignature(int signedLength, ReadOnlyMemory<byte> value)
    {
        _signedLength = signedLength;
        _signature = value;
    }

    /// <summary>
    /// A copy that stays as it is when the worker reuses this envelope for its next run: what the worker hands to
    /// code that may keep it (a <see cref="JobContext"/>, death handlers).
    /// </summary>
    internal JobEnvelope Copy() => (JobEnvelope)MemberwiseClone();
}

/// <summary>What created a job.</summary>
public enum JobKind : byte
{
    /// <summary>An Enqueue or Schedule call.</summary>
    Once = 0,

    /// <summary>A recurring schedule.</summary>
    Recurring = 1,
}
