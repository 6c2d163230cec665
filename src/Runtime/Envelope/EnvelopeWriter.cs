using System.Runtime.CompilerServices;
using K = JobGen.EnvelopeKeys;

namespace JobGen;

/// <summary>
/// Encodes envelopes: the one writer of the format <see cref="EnvelopeReader"/> reads, used by every producer (new
/// jobs with or without client middleware, bulk enqueue, retries, an operator's retry of a dead job). A map of
/// integer keys in key order, absent optional fields left out, every value in its smallest MessagePack encoding, all
/// written into one span reserved for the envelope's largest possible size (enqueue is hot, and short-lived processes
/// run it before the JIT has optimized anything).
/// The job name and queue repeat from job to job, so the thread remembers where it last wrote each one's encoded bytes
/// and copies them from there: a slice of an earlier envelope in a <see cref="PayloadBuffer"/> block, which is never
/// written again, so remembering it costs no allocation and cannot go stale.
/// </summary>
internal static class EnvelopeWriter
{
    [ThreadStatic]
    private static string? t_jobText, t_queueText;

    [ThreadStatic]
    private static ReadOnlyMemory<byte> t_jobBytes, t_queueBytes;

    /// <summary>Encodes into the thread's payload blocks; the payload is a slice that is never written again.</summary>
    public static ReadOnlyMemory<byte> Write(in EnvelopeFields fields) => Write(fields, signer: null);

    /// <summary>Encodes and, when <paramref name="signer"/> is set, signs (its last entry; docs/security.md).</summary>
    public static ReadOnlyMemory<byte> Write(in EnvelopeFields fields, EnvelopeSigner? signer)
    {
        var buffer = PayloadBuffer.Rent();
        Write(buffer, fields, signer);
        return buffer.Complete();
    }

    public static void Write(PayloadBuffer output, in EnvelopeFields fields) => Write(output, fields, signer: null);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(PayloadBuffer output, in EnvelopeFields fields, EnvelopeSigner? signer)
    {
        var jobHit = ReferenceEquals(t_jobText, fields.Job);
        var queueHit = ReferenceEquals(t_queueText, fields.Queue);
        var memory = output.GetMemory(MaxSize(fields, jobHit ? t_jobBytes.Length : -1, queueHit ? t_queueBytes.Length : -1) + (signer?.MaxEntrySize ?? 0));
        var w = new SpanMessagePackWriter(memory.Span);
        var map = w.ReserveFixMap();
        var count = 0;

        w.WriteFixInt(K.Version); w.WriteFixInt(K.FormatVersion); count++;
        w.WriteFixInt(K.Id); w.WriteString(fields.Id); count++;

        w.WriteFixInt(K.Job);
        var jobAt = w.Written;
        WriteName(ref w, jobHit, t_jobBytes, fields.Job);
        var jobLength = w.Written - jobAt;
        count++;

        w.WriteFixInt(K.Kind); w.WriteInt64((byte)fields.Kind); count++;

        w.WriteFixInt(K.Queue);
        var queueAt = w.Written;
        WriteName(ref w, queueHit, t_queueBytes, fields.Queue);
        var queueLength = w.Written - queueAt;
        count++;

        w.WriteFixInt(K.Args); w.WriteBinary(fields.Arguments.Span); count++;
        w.WriteFixInt(K.Created); w.WriteInt64(fields.CreatedAtMs); count++;
        w.WriteFixInt(K.Enqueued); w.WriteInt64(fields.EnqueuedAtMs); count++;
        w.WriteFixInt(K.Attempt); w.WriteInt64(fields.Attempt); count++;
        w.WriteFixInt(K.MaxAttempts); w.WriteInt64(fields.MaxAttempts); count++;
        if (fields.LastError is { } lastError)
        {
            w.WriteFixInt(K.LastError); w.WriteString(lastError); count++;
        }

        if (fields.Headers is { Count: > 0 } headers)
        {
            w.WriteFixInt(K.Headers);
            w.WriteMapHeader(headers.Count);
            foreach (var pair in headers)
            {
                w.WriteString(pair.Key);
                w.WriteString(pair.Value);
            }

            count++;
        }

        if (fields.ExpiresAtMs is { } expiresAt)
        {
            w.WriteFixInt(K.ExpiresAt); w.WriteInt64(expiresAt); count++;
        }

        if (fields.UniqueKey is { } uniqueKey)
        {
            // One entry, [until, key]: the map's header holds at most 15 entries, so each key is spent sparingly.
            w.WriteFixInt(K.Unique); w.WriteFixArrayHeader(2); w.WriteInt64((byte)fields.UniqueUntil); w.WriteString(uniqueKey); count++;
        }

        if (signer is null)
        {
            w.PatchFixMap(map, count);
        }
        else
        {
            // The header counts the signature entry, and the signature covers the header: nothing can be added or dropped.
            w.PatchFixMap(map, count + 1);
            signer.Append(ref w, memory.Span[..w.Written]);
        }

        output.Advance(w.Written);

        // Remembered only now that the bytes belong to a written envelope (an abandoned write may be overwritten).
        if (!jobHit)
        {
            (t_jobText, t_jobBytes) = (fields.Job, memory.Slice(jobAt, jobLength));
        }

        if (!queueHit)
        {
            (t_queueText, t_queueBytes) = (fields.Queue, memory.Slice(queueAt, queueLength));
        }
    }

    private static void WriteName(ref SpanMessagePackWriter w, bool remembered, ReadOnlyMemory<byte> bytes, string name)
    {
        if (remembered)
        {
            w.WriteRaw(bytes.Span);
        }
        else
        {
            w.WriteString(name);
        }
    }

    // The largest size every field above can take, in the same order; a remembered name's exact size when known (≥ 0).
    private static int MaxSize(in EnvelopeFields fields, int jobSize, int queueSize)
    {
        const int Key = 1, Int = SpanMessagePackWriter.MaxIntegerSize, Header = SpanMessagePackWriter.MaxHeaderSize;
        long size = 1                                                                      // fixmap
            + Key + 1                                                                      // version
            + Key + SpanMessagePackWriter.MaxStringSize(fields.Id)
            + Key + (jobSize >= 0 ? jobSize : SpanMessagePackWriter.MaxStringSize(fields.Job))
            + Key + 2                                                                      // kind
            + Key + (queueSize >= 0 ? queueSize : SpanMessagePackWriter.MaxStringSize(fields.Queue))
            + Key + Header + fields.Arguments.Length
            + Key + Int + Key + Int + Key + Int + Key + Int                                // times, attempts
            + Key + SpanMessagePackWriter.MaxStringSize(fields.LastError)
            + Key + Int                                                                    // expiry
            + Key + Header + Int + SpanMessagePackWriter.MaxStringSize(fields.UniqueKey);   // unique lock
        if (fields.Headers is { Count: > 0 } headers)
        {
            size += Key + Header;
            foreach (var pair in headers)
            {
                size += SpanMessagePackWriter.MaxStringSize(pair.Key) + SpanMessagePackWriter.MaxStringSize(pair.Value);
            }
        }

        return size > Array.MaxLength ? throw new ArgumentException("The job is too large to encode.") : (int)size;
    }
}
