namespace JobGen;

/// <summary>
/// Encodes and decodes <see cref="JobEnvelope"/>: a MessagePack map of integer keys, key 0 the format version.
/// Decoding is defensive: any malformed input raises <see cref="JobPayloadException"/>, never anything else.
/// </summary>
public static class EnvelopeSerializer
{
    /// <summary>The format version written by this build.</summary>
    public const int FormatVersion = EnvelopeKeys.FormatVersion;

    /// <summary>Encodes the envelope to a new array.</summary>
    public static byte[] Serialize(JobEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return Encode(envelope).ToArray();
    }

    /// <summary>Decodes an envelope or throws <see cref="JobPayloadException"/> saying what is wrong.</summary>
    public static JobEnvelope Deserialize(ReadOnlyMemory<byte> payload) => EnvelopeReader.Read(payload);

    /// <summary>Encodes into the thread's payload blocks (a slice never written again; no array of its own).</summary>
    internal static ReadOnlyMemory<byte> Encode(JobEnvelope envelope) => EnvelopeWriter.Write(envelope.ToFields());

    /// <summary>Encodes and signs when <paramref name="signer"/> is set (signing on).</summary>
    internal static ReadOnlyMemory<byte> Encode(JobEnvelope envelope, EnvelopeSigner? signer) => EnvelopeWriter.Write(envelope.ToFields(), signer);

    /// <summary>Decodes into the worker loop's own envelope (left as it was when the payload is malformed).</summary>
    internal static void DeserializeInto(JobEnvelope target, ReadOnlyMemory<byte> payload, KnownStrings known) => EnvelopeReader.ReadInto(target, payload, known);
}
