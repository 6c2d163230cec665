using MessagePack;
using static JobGen.EnvelopeSerializer;

namespace JobGen;

/// <summary>
/// What the client knows about a job it is enqueueing for the first time: everything the envelope holds, without
/// building a <see cref="JobEnvelope"/> object (the kind is <see cref="JobKind.Once"/>, no attempt made, no error).
/// </summary>
internal readonly record struct NewJob(
    string Id,
    string Job,
    string Queue,
    ReadOnlyMemory<byte> Arguments,
    long CreatedAtMs,
    long EnqueuedAtMs,
    int MaxAttempts,
    IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// The enqueue side's envelope encoder: writes a <see cref="NewJob"/> byte for byte as
/// <see cref="EnvelopeSerializer.Write"/> writes the equivalent <see cref="JobEnvelope"/> (same keys, same order,
/// same value encodings; tests/JobGen.Runtime.Tests' NewEnvelopeWriterTests compare the two).
/// </summary>
internal static class NewEnvelopeWriter
{
    public static void Write(ref MessagePackWriter w, in NewJob job)
    {
        var headers = job.Headers;
        w.WriteMapHeader(headers.Count == 0 ? 10 : 11);
        w.Write(KeyVersion); w.Write(FormatVersion);
        w.Write(KeyId); w.Write(job.Id);
        w.Write(KeyJob); w.Write(job.Job);
        w.Write(KeyKind); w.Write((byte)JobKind.Once);
        w.Write(KeyQueue); w.Write(job.Queue);
        w.Write(KeyArgs); w.Write(job.Arguments.Span);
        w.Write(KeyCreated); w.Write(job.CreatedAtMs);
        w.Write(KeyEnqueued); w.Write(job.EnqueuedAtMs);
        w.Write(KeyAttempt); w.Write(0);
        w.Write(KeyMaxAttempts); w.Write(job.MaxAttempts);
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
    }
}
