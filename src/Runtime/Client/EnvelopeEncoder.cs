namespace JobGen;

/// <summary>
/// The client's envelope encoding: into the thread's <see cref="PayloadBuffer"/>, so a payload is a slice of a shared
/// block rather than an array of its own (no buffer to grow, no copy), checked against <c>JobGen:MaxPayloadBytes</c>.
/// </summary>
internal static class EnvelopeEncoder
{
    public static ReadOnlyMemory<byte> Encode(in NewJob job, int maxPayloadBytes)
    {
        var buffer = PayloadBuffer.Rent();
        NewEnvelopeWriter.Write(buffer, job);
        var payload = buffer.Complete();
        CheckSize(job.Job, payload.Length, maxPayloadBytes);
        return payload;
    }

    public static ReadOnlyMemory<byte> Encode(JobEnvelope envelope, int maxPayloadBytes)
    {
        var buffer = PayloadBuffer.Rent();
        EnvelopeSerializer.Write(buffer, envelope);
        var payload = buffer.Complete();
        CheckSize(envelope.Job, payload.Length, maxPayloadBytes);
        return payload;
    }

    private static void CheckSize(string job, int bytes, int maxPayloadBytes)
    {
        if (maxPayloadBytes > 0 && bytes > maxPayloadBytes)
        {
            throw new ArgumentException(
                $"Job '{job}' encodes to {bytes} bytes, over the limit of {maxPayloadBytes} (JobGen:MaxPayloadBytes). " +
                "Pass a reference (an id, a blob URL) instead of the data, or raise the limit.");
        }
    }
}
