namespace JobGen.Storage;

/// <summary>
/// An entry of a dead set: why the job died and its payload exactly as it was, so an operator can read the
/// reason and retry it. An undecodable payload is kept byte for byte.
/// </summary>
public sealed record DeadJob
{
    /// <summary>The id of the dead job, or a hash-derived one when its envelope did not decode.</summary>
    public required string JobId { get; init; }

    /// <summary>The stable job id, when the envelope decoded.</summary>
    public string? Job { get; init; }

    /// <summary>The queue it died on.</summary>
    public required string Queue { get; init; }

    /// <summary>When it died.</summary>
    public DateTimeOffset DiedAt { get; init; }

    /// <summary>Why it died.</summary>
    public DeathReason Reason { get; init; }

    /// <summary>A sentence naming the problem.</summary>
    public required string Message { get; init; }

    /// <summary>The last exception's type, if any.</summary>
    public string? ExceptionType { get; init; }

    /// <summary>The last exception's stack trace, if any.</summary>
    public string? StackTrace { get; init; }

    /// <summary>The payload as stored when it died (the envelope, or the raw bytes that failed to decode).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>The id given to a payload that does not decode: from its content, so the same bytes always get the same id.</summary>
    internal static string RawId(ReadOnlyMemory<byte> payload) =>
        "raw-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(payload.Span).AsSpan(0, 12));

    /// <summary>Encodes the record (MessagePack map of integer keys, <see cref="DeadJobKeys"/>).</summary>
    public byte[] Serialize()
    {
        var buffer = GC.AllocateUninitializedArray<byte>(MaxSize());
        var w = new SpanMessagePackWriter(buffer);
        w.WriteMapHeader(10);
        w.WriteFixInt(DeadJobKeys.Version); w.WriteFixInt(DeadJobKeys.FormatVersion);
        w.WriteFixInt(DeadJobKeys.JobId); w.WriteString(JobId);
        w.WriteFixInt(DeadJobKeys.Job); w.WriteString(Job);
        w.WriteFixInt(DeadJobKeys.Queue); w.WriteString(Queue);
        w.WriteFixInt(DeadJobKeys.DiedAt); w.WriteInt64(DiedAt.ToUnixTimeMilliseconds());
        w.WriteFixInt(DeadJobKeys.Reason); w.WriteInt64((byte)Reason);
        w.WriteFixInt(DeadJobKeys.Message); w.WriteString(Message);
        w.WriteFixInt(DeadJobKeys.ExceptionType); w.WriteString(ExceptionType);
        w.WriteFixInt(DeadJobKeys.StackTrace); w.WriteString(StackTrace);
        w.WriteFixInt(DeadJobKeys.Payload); w.WriteBinary(Payload.Span);
        return w.Written == buffer.Length ? buffer : buffer.AsSpan(0, w.Written).ToArray();
    }

    // The largest size of every field above, in the same order (10 one-byte keys).
    private int MaxSize()
    {
        long size = 1 + 10 + 1
            + SpanMessagePackWriter.MaxStringSize(JobId) + SpanMessagePackWriter.MaxStringSize(Job) + SpanMessagePackWriter.MaxStringSize(Queue)
            + SpanMessagePackWriter.MaxIntegerSize + 2
            + SpanMessagePackWriter.MaxStringSize(Message) + SpanMessagePackWriter.MaxStringSize(ExceptionType) + SpanMessagePackWriter.MaxStringSize(StackTrace)
            + SpanMessagePackWriter.MaxHeaderSize + Payload.Length;
        return size > Array.MaxLength ? throw new InvalidOperationException("The dead-job record is too large to encode.") : (int)size;
    }

    /// <summary>Decodes a record written by <see cref="Serialize"/>; throws <see cref="JobPayloadException"/> on bad input.</summary>
    public static DeadJob Deserialize(ReadOnlyMemory<byte> bytes)
    {
        try
        {
            var r = new SpanMessagePackReader(bytes.Span);
            var n = r.ReadMapHeader();
            string? jobId = null, job = null, queue = null, message = null, type = null, stack = null;
            long diedAt = 0;
            var reason = DeathReason.AttemptsExhausted;
            ReadOnlyMemory<byte> payload = default;
            for (var i = 0; i < n; i++)
            {
                switch (r.ReadInt32())
                {
                    case DeadJobKeys.JobId: jobId = r.ReadString(); break;
                    case DeadJobKeys.Job: job = r.ReadString(); break;
                    case DeadJobKeys.Queue: queue = r.ReadString(); break;
                    case DeadJobKeys.DiedAt: diedAt = r.ReadInt64(); break;
                    case DeadJobKeys.Reason: reason = (DeathReason)r.ReadByte(); break;
                    case DeadJobKeys.Message: message = r.ReadString(); break;
                    case DeadJobKeys.ExceptionType: type = r.ReadString(); break;
                    case DeadJobKeys.StackTrace: stack = r.ReadString(); break;
                    case DeadJobKeys.Payload: payload = r.TryReadBinary(out var start, out var length) ? bytes.Slice(start, length).ToArray() : default; break;
                    default: r.Skip(); break;
                }
            }

            if (!r.End)
            {
                throw new JobPayloadException($"{bytes.Length - r.Consumed} bytes follow its map.");
            }

            return new DeadJob
            {
                JobId = jobId ?? string.Empty,
                Job = job,
                Queue = queue ?? string.Empty,
                DiedAt = DateTimeOffset.FromUnixTimeMilliseconds(diedAt),
                Reason = reason,
                Message = message ?? string.Empty,
                ExceptionType = type,
                StackTrace = stack,
                Payload = payload,
            };
        }
        catch (JobPayloadException ex)
        {
            throw new JobPayloadException($"Not a dead-job record: {ex.Message}", ex);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            // The time of death is outside DateTimeOffset's range.
            throw new JobPayloadException($"Not a dead-job record: {ex.Message}", ex);
        }
    }
}

/// <summary>Why a job went to the dead set.</summary>
public enum DeathReason : byte
{
    /// <summary>It failed on every attempt it had.</summary>
    AttemptsExhausted = 0,

    /// <summary>Its envelope could not be decoded.</summary>
    UndecodableEnvelope = 1,

    /// <summary>No registered job has its job id.</summary>
    UnknownJob = 2,

    /// <summary>Its arguments do not match the job's schema.</summary>
    BadArguments = 3,

    /// <summary>It is larger than the configured payload limit.</summary>
    PayloadTooLarge = 4,

    /// <summary>The job asked to be discarded (or an operator killed it).</summary>
    Discarded = 5,

    /// <summary>It was fetched after its expiry time (docs/flow-control.md): not run, not retried.</summary>
    Expired = 6,

    /// <summary>Signing is on and its envelope has no signature, or one no listed key made (docs/security.md).</summary>
    BadSignature = 7,

    /// <summary>A <c>[Sensitive]</c> argument is encrypted under a key that is not listed any more (docs/security.md).</summary>
    UnknownKey = 8,
}
