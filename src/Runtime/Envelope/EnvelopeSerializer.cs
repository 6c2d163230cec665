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

    // Field keys (EnvelopeKeys is the one list; NewEnvelopeWriter uses these too).
    internal const int KeyVersion = EnvelopeKeys.Version, KeyId = EnvelopeKeys.Id, KeyJob = EnvelopeKeys.Job, KeyKind = EnvelopeKeys.Kind,
        KeyQueue = EnvelopeKeys.Queue, KeyArgs = EnvelopeKeys.Args, KeyCreated = EnvelopeKeys.Created, KeyEnqueued = EnvelopeKeys.Enqueued,
        KeyAttempt = EnvelopeKeys.Attempt, KeyMaxAttempts = EnvelopeKeys.MaxAttempts, KeyLastError = EnvelopeKeys.LastError, KeyHeaders = EnvelopeKeys.Headers;

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
    public static JobEnvelope Deserialize(ReadOnlyMemory<byte> payload) => EnvelopeReader.Read(payload);

    /// <summary>Decodes into the worker loop's own envelope (left as it was when the payload is malformed).</summary>
    internal static void DeserializeInto(JobEnvelope target, ReadOnlyMemory<byte> payload, KnownStrings known) => EnvelopeReader.ReadInto(target, payload, known);
}
