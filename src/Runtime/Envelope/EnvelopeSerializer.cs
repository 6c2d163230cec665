using System.Buffers;
using MessagePack;

namespace JobGen;

/// <summary>
/// Encodes and decodes <see cref="JobEnvelope"/>: a MessagePack map of integer keys, key 0 the format version.
/// Decoding is defensive: any malformed input raises <see cref="JobPayloadException"/>, never anything else.
/// </summary>
public static class EnvelopeSerializer
{
    /// <summary>The format version written by this build.</summary>
    public const int FormatVersion = 1;

    // Field keys. Never reuse a number: old payloads live in queues for months.
    internal const int KeyVersion = 0, KeyId = 1, KeyJob = 2, KeyKind = 3, KeyQueue = 4, KeyArgs = 5,
        KeyCreated = 6, KeyEnqueued = 7, KeyAttempt = 8, KeyMaxAttempts = 9, KeyLastError = 10, KeyHeaders = 11;

    private static readonly IReadOnlyDictionary<string, string> NoHeaders = new Dictionary<string, string>(0);

    /// <summary>Writes the envelope to <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, JobEnvelope envelope)
    {
        var w = new MessagePackWriter(output);
        var headers = envelope.Headers;
        var count = 10 + (envelope.LastError is null ? 0 : 1) + (headers.Count == 0 ? 0 : 1);
        w.WriteMapHeader(count);
        w.Write(KeyVersion); w.Write(FormatVersion);
        w.Write(KeyId); w.Write(envelope.Id);
        w.Write(KeyJob); w.Write(envelope.Job);
        w.Write(KeyKind); w.Write((byte)envelope.Kind);
        w.Write(KeyQueue); w.Write(envelope.Queue);
        w.Write(KeyArgs); w.Write(envelope.Arguments.Span);
        w.Write(KeyCreated); w.Write(envelope.CreatedAt.ToUnixTimeMilliseconds());
        w.Write(KeyEnqueued); w.Write(envelope.EnqueuedAt.ToUnixTimeMilliseconds());
        w.Write(KeyAttempt); w.Write(envelope.Attempt);
        w.Write(KeyMaxAttempts); w.Write(envelope.MaxAttempts);
        if (envelope.LastError is not null)
        {
            w.Write(KeyLastError); w.Write(envelope.LastError);
        }

        if (headers.Count != 0)
        {
            w.Write(KeyHeaders);
            w.WriteMapHeader(headers.Count);
            foreach (var pair in headers)
            {
                w.Write(pair.Key);
                w.Write(pair.Value);
            }
        }

        w.Flush();
    }

    /// <summary>Encodes the envelope to a new array.</summary>
    public static byte[] Serialize(JobEnvelope envelope)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + envelope.Arguments.Length);
        Write(buffer, envelope);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes an envelope or throws <see cref="JobPayloadException"/> saying what is wrong.</summary>
    public static JobEnvelope Deserialize(ReadOnlyMemory<byte> payload)
    {
        try
        {
            return Read(payload);
        }
        catch (JobPayloadException)
        {
            throw;
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or EndOfStreamException or OverflowException
                                       or InvalidOperationException or ArgumentException)
        {
            throw new JobPayloadException($"The envelope is not valid MessagePack of format {FormatVersion}: {ex.Message}", ex);
        }
    }

    private static JobEnvelope Read(ReadOnlyMemory<byte> payload)
    {
        if (payload.IsEmpty)
        {
            throw new JobPayloadException("The envelope is empty.");
        }

        var r = new MessagePackReader(payload);
        if (r.NextMessagePackType != MessagePackType.Map)
        {
            throw new JobPayloadException($"The envelope is not a MessagePack map (found {r.NextMessagePackType}).");
        }

        var count = r.ReadMapHeader();
        int? version = null;
        string? id = null, job = null, queue = null, lastError = null;
        var kind = JobKind.Once;
        ReadOnlyMemory<byte> args = default;
        long created = 0, enqueued = 0;
        int attempt = 0, maxAttempts = JobDefaults.MaxAttempts;
        IReadOnlyDictionary<string, string>? headers = null;
        for (var i = 0; i < count; i++)
        {
            if (r.NextMessagePackType != MessagePackType.Integer)
            {
                SkipValue(ref r); SkipValue(ref r);
                continue;
            }

            switch (r.ReadInt32())
            {
                case KeyVersion: version = r.ReadInt32(); break;
                case KeyId: id = r.ReadString(); break;
                case KeyJob: job = r.ReadString(); break;
                case KeyKind: kind = (JobKind)r.ReadByte(); break;
                case KeyQueue: queue = r.ReadString(); break;
                case KeyArgs: args = ReadBytes(ref r, payload); break;
                case KeyCreated: created = r.ReadInt64(); break;
                case KeyEnqueued: enqueued = r.ReadInt64(); break;
                case KeyAttempt: attempt = r.ReadInt32(); break;
                case KeyMaxAttempts: maxAttempts = r.ReadInt32(); break;
                case KeyLastError: lastError = r.TryReadNil() ? null : r.ReadString(); break;
                case KeyHeaders: headers = ReadHeaders(ref r); break;
                default: SkipValue(ref r); break; // a newer client's field
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

        if (version > FormatVersion)
        {
            throw new JobPayloadException($"The envelope's format version {version} is newer than this worker's {FormatVersion}; upgrade the worker.");
        }

        if (string.IsNullOrEmpty(id) || string.IsNullOrEmpty(job) || string.IsNullOrEmpty(queue))
        {
            throw new JobPayloadException("The envelope lacks its job id, job name or queue.");
        }

        return new JobEnvelope
        {
            Id = id,
            Job = job,
            Kind = kind,
            Queue = queue,
            Arguments = args,
            CreatedAt = FromUnixMs(created),
            EnqueuedAt = FromUnixMs(enqueued),
            Attempt = attempt,
            MaxAttempts = maxAttempts,
            LastError = lastError,
            Headers = headers ?? NoHeaders, // shared: most jobs carry none, and nobody may mutate it
        };
    }

    /// <summary>
    /// Skips one value without trusting its length prefixes: MessagePackReader.Skip took an array32 header claiming
    /// 0xFFFFFFFF items as a complete value (found by tests/JobGen.Reliability.Tests' fuzzer), so the bytes after it
    /// were misread as fields.
    /// Reading headers validates each count against the bytes left; a pending counter keeps deep nesting iterative.
    /// </summary>
    internal static void SkipValue(ref MessagePackReader r)
    {
        long pending = 1;
        while (pending-- > 0)
        {
            switch (r.NextMessagePackType)
            {
                case MessagePackType.Array: pending += r.ReadArrayHeader(); break;
                case MessagePackType.Map: pending += 2L * r.ReadMapHeader(); break;
                default: r.Skip(); break;
            }
        }
    }

    // The arguments are a slice of the payload, not a copy.
    private static ReadOnlyMemory<byte> ReadBytes(ref MessagePackReader r, ReadOnlyMemory<byte> payload)
    {
        var seq = r.ReadBytes() ?? throw new JobPayloadException("The envelope's arguments are nil.");
        var start = (int)r.Consumed - (int)seq.Length;
        return payload.Slice(start, (int)seq.Length);
    }

    private static Dictionary<string, string> ReadHeaders(ref MessagePackReader r)
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
