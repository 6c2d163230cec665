namespace JobGen;

/// <summary>
/// Every value of one envelope, as <see cref="EnvelopeWriter"/> encodes it: what a new job, a retry, a requeue by an
/// operator and the worker's <see cref="JobEnvelope"/> all describe, without an envelope object on the enqueue path.
/// Times are Unix milliseconds (the wire's unit). The flow-control fields (docs/flow-control.md) are null for jobs
/// without those options, and then not written at all.
/// </summary>
internal readonly record struct EnvelopeFields(
    string Id,
    string Job,
    JobKind Kind,
    string Queue,
    ReadOnlyMemory<byte> Arguments,
    long CreatedAtMs,
    long EnqueuedAtMs,
    int Attempt,
    int MaxAttempts,
    string? LastError,
    IReadOnlyDictionary<string, string> Headers,
    long? ExpiresAtMs = null,
    string? UniqueKey = null,
    UniqueUntil UniqueUntil = UniqueUntil.Started);
