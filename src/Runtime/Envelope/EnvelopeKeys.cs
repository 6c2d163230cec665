namespace JobGen;

/// <summary>The envelope map's integer keys. Never reuse a number: old payloads live in queues for months.</summary>
internal static class EnvelopeKeys
{
    public const int Version = 0, Id = 1, Job = 2, Kind = 3, Queue = 4, Args = 5,
        Created = 6, Enqueued = 7, Attempt = 8, MaxAttempts = 9, LastError = 10, Headers = 11;
}
