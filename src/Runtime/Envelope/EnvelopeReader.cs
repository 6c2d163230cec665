namespace JobGen;

/// <summary>
/// Decodes the envelope map (<see cref="EnvelopeWriter"/> writes it) from one contiguous payload. The worker
/// passes its <see cref="KnownStrings"/> so the job id and queue of every job share one string each; the arguments
/// stay a slice of the payload. Unknown keys are skipped (a newer client's fields); anything malformed is a
/// <see cref="JobPayloadException"/> saying what is wrong.
/// </summary>
internal static class EnvelopeReader
{
    public static JobEnvelope Read(ReadOnlyMemory<byte> payload)
    {
        var envelope = JobEnvelope.ForDecoding();
        ReadInto(envelope, payload, null);
        return envelope;
    }

    /// <summary>Decodes into <paramref name="target"/>, which is left untouched when the payload is malformed.</summary>
    public static void ReadInto(JobEnvelope target, ReadOnlyMemory<byte> payload, KnownStrings? known)
    {
        if (payload.IsEmpty)
        {
            throw new JobPayloadException("The envelope is empty.");
        }

        var r = new SpanMessagePackReader(payload.Span);
        if (!r.NextIsMap())
        {
            throw new JobPayloadException($"The envelope is not a MessagePack map (found format byte 0x{r.PeekCode():x2}).");
        }

        var count = r.ReadMapHeader();
        int? version = null;
        string? job = null, queue = null, lastError = null;
        ReadOnlyMemory<byte> id = default;
        var kind = JobKind.Once;
        ReadOnlyMemory<byte> args = default;
        long created = 0, enqueued = 0;
        int attempt = 0, maxAttempts = JobDefaults.MaxAttempts;
        IReadOnlyDictionary<string, string>? headers = null;
        long? expiresAt = null;
        UniqueLockInfo? unique = null;
        var signedLength = -1;
        ReadOnlyMemory<byte> signature = default;
        for (var i = 0; i < count; i++)
        {
            if (signedLength >= 0)
            {
                throw new JobPayloadException("The envelope has entries after its signature (the signature must be the last entry).");
            }

            var keyAt = r.Consumed;
            if (!r.NextIsInteger())
            {
                r.Skip(); r.Skip();
                continue;
            }

            switch (r.ReadInt32())
            {
                case EnvelopeKeys.Version: version = r.ReadInt32(); break;
                case EnvelopeKeys.Id: id = ReadUtf8(ref r, payload); break;
                case EnvelopeKeys.Job: job = ReadKnown(ref r, known); break;
                case EnvelopeKeys.Kind: kind = (JobKind)r.ReadByte(); break;
                case EnvelopeKeys.Queue: queue = ReadKnown(ref r, known); break;
                case EnvelopeKeys.Args: args = ReadArguments(ref r, payload); break;
                case EnvelopeKeys.Created: created = r.ReadInt64(); break;
                case EnvelopeKeys.Enqueued: enqueued = r.ReadInt64(); break;
                case EnvelopeKeys.Attempt: attempt = r.ReadInt32(); break;
                case EnvelopeKeys.MaxAttempts: maxAttempts = r.ReadInt32(); break;
                case EnvelopeKeys.LastError: lastError = r.ReadString(); break;
                case EnvelopeKeys.Headers: headers = ReadHeaders(ref r); break;
                case EnvelopeKeys.ExpiresAt: expiresAt = r.ReadInt64(); break;
                case EnvelopeKeys.Unique: unique = ReadUnique(ref r); break;
                case EnvelopeKeys.Signature: signature = ReadSignature(ref r, payload); signedLength = keyAt; break;
                default: r.Skip(); break; // a newer client's field
            }
        }

        if (!r.End)
        {
            throw new JobPayloadException($"The envelope has {payload.Length - r.Consumed} bytes after its map (a corrupt or concatenated payload).");
        }

        if (version is null)
        {
            throw new JobPayloadException("The envelope has no format version (key 0).");
        }

        if (version > EnvelopeKeys.FormatVersion)
        {
            throw new JobPayloadException($"The envelope's format version {version} is newer than this worker's {EnvelopeKeys.FormatVersion}; upgrade the worker.");
        }

        if (id.IsEmpty || string.IsNullOrEmpty(job) || string.IsNullOrEmpty(queue))
        {
            throw new JobPayloadException("The envelope lacks its job id, job name or queue.");
        }

        target.Set(id, job, kind, queue, args, FromUnixMs(created), FromUnixMs(enqueued), attempt, maxAttempts, lastError, headers,
            expiresAt is { } expires ? FromUnixMs(expires) : null, unique);
        if (signedLength >= 0)
        {
            target.SetSignature(signedLength, signature);
        }
    }

    // [until, key]; a newer client's extra elements are skipped.
    private static UniqueLockInfo ReadUnique(ref SpanMessagePackReader r)
    {
        var n = r.ReadFixArrayHeader();
        if (n < 2)
        {
            throw new JobPayloadException("The envelope's unique lock lacks its lifetime or key.");
        }

        var until = (UniqueUntil)r.ReadByte();
        var key = r.ReadString() ?? throw new JobPayloadException("The envelope's unique key is nil.");
        for (var i = 2; i < n; i++)
        {
            r.Skip();
        }

        return new UniqueLockInfo(key, until);
    }

    private static ReadOnlyMemory<byte> ReadSignature(ref SpanMessagePackReader r, ReadOnlyMemory<byte> payload) =>
        r.TryReadBinary(out var start, out var length)
            ? payload.Slice(start, length)
            : throw new JobPayloadException("The envelope's signature is nil.");

    private static string? ReadKnown(ref SpanMessagePackReader r, KnownStrings? known)
    {
        if (!r.TryReadStringBytes(out var utf8))
        {
            return null;
        }

        return known is null ? System.Text.Encoding.UTF8.GetString(utf8) : known.Get(utf8);
    }

    // The id stays bytes (a slice of the payload) until read: JobEnvelope decodes it on first use.
    private static ReadOnlyMemory<byte> ReadUtf8(ref SpanMessagePackReader r, ReadOnlyMemory<byte> payload)
    {
        if (!r.TryReadStringBytes(out var utf8))
        {
            return default;
        }

        return payload.Slice(r.Consumed - utf8.Length, utf8.Length);
    }

    // The arguments are a slice of the payload, not a copy.
    private static ReadOnlyMemory<byte> ReadArguments(ref SpanMessagePackReader r, ReadOnlyMemory<byte> payload) =>
        r.TryReadBinary(out var start, out var length)
            ? payload.Slice(start, length)
            : throw new JobPayloadException("The envelope's arguments are nil.");

    private static Dictionary<string, string> ReadHeaders(ref SpanMessagePackReader r)
    {
        var n = r.ReadMapHeader();
        var headers = new Dictionary<string, string>(n, StringComparer.Ordinal);
        for (var i = 0; i < n; i++)
        {
            var key = r.ReadString() ?? throw new JobPayloadException("A header name is nil.");
            headers[key] = r.ReadString() ?? string.Empty;
        }

        return headers;
    }

    private static DateTimeOffset FromUnixMs(long ms) =>
        ms is < -62135596800000 or > 253402300799999
            ? throw new JobPayloadException($"Timestamp {ms} is out of range.")
            : DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
