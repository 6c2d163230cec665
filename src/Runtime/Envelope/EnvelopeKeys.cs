namespace JobGen;

/// <summary>
/// The envelope's fields: the map's integer keys and the format version. The one list: <see cref="EnvelopeWriter"/>
/// writes these keys and <see cref="EnvelopeReader"/> reads them. Never reuse a number: old payloads live in queues
/// for months (tests/JobGen.Runtime.Tests/Golden holds payloads of every version, which must keep decoding).
/// </summary>
internal static class EnvelopeKeys
{
    /// <summary>The format version this build writes (key 0's value).</summary>
    public const int FormatVersion = 1;

    public const int Version = 0, Id = 1, Job = 2, Kind = 3, Queue = 4, Args = 5,
        Created = 6, Enqueued = 7, Attempt = 8, MaxAttempts = 9, LastError = 10, Headers = 11,
        ExpiresAt = 12, Unique = 13;

    /// <summary>
    /// The signature (signed envelopes only, docs/security.md): always the map's last entry, covering every byte
    /// before it. The highest one-byte key, so fields added later keep their natural numbers below it.
    /// </summary>
    public const int Signature = 127;
}
