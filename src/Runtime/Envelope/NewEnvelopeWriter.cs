using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Text;
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
/// <see cref="EnvelopeSerializer.Write"/> writes the equivalent <see cref="JobEnvelope"/> (same keys, same order, the
/// same smallest MessagePack encoding of every value; tests/JobGen.Runtime.Tests' NewEnvelopeWriterTests compare the
/// two at every encoding boundary). It writes into one span reserved for the envelope's largest possible size instead
/// of a MessagePackWriter call per field: enqueue is hot, and short-lived processes run it before the JIT has
/// optimized MessagePack's methods.
/// The job name and queue repeat from job to job, so the thread remembers where it last wrote each one's encoded
/// bytes and copies them from there: a slice of an earlier envelope in a <see cref="PayloadBuffer"/> block, which is
/// never written again, so remembering it costs no allocation and cannot go stale.
/// </summary>
internal static class NewEnvelopeWriter
{
    [ThreadStatic]
    private static string? t_jobText, t_queueText;

    [ThreadStatic]
    private static ReadOnlyMemory<byte> t_jobBytes, t_queueBytes;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Write(PayloadBuffer output, in NewJob job)
    {
        var headers = job.Headers;
        var jobHit = ReferenceEquals(t_jobText, job.Job);
        var queueHit = ReferenceEquals(t_queueText, job.Queue);
        var jobMax = jobHit ? t_jobBytes.Length : MaxStringSize(job.Job);
        var queueMax = queueHit ? t_queueBytes.Length : MaxStringSize(job.Queue);
        var args = job.Arguments.Span;
        var memory = output.GetMemory(MaxSize(job.Id, jobMax, queueMax, args.Length, headers));
        var span = memory.Span;
        var at = 0;
        span[at++] = (byte)(0x80 | (headers.Count == 0 ? 10 : 11)); // fixmap
        span[at++] = KeyVersion;
        span[at++] = FormatVersion;
        span[at++] = KeyId;
        at += WriteAscii(span[at..], job.Id);
        span[at++] = KeyJob;
        var jobAt = at;
        var jobLength = jobHit ? Copy(t_jobBytes, span[at..]) : WriteString(span[at..], job.Job);
        at += jobLength;
        span[at++] = KeyKind;
        span[at++] = (byte)JobKind.Once;
        span[at++] = KeyQueue;
        var queueAt = at;
        var queueLength = queueHit ? Copy(t_queueBytes, span[at..]) : WriteString(span[at..], job.Queue);
        at += queueLength;
        span[at++] = KeyArgs;
        at += WriteBinHeader(span[at..], args.Length);
        args.CopyTo(span[at..]);
        at += args.Length;
        span[at++] = KeyCreated;
        at += WriteInt64(span[at..], job.CreatedAtMs);
        span[at++] = KeyEnqueued;
        at += WriteInt64(span[at..], job.EnqueuedAtMs);
        span[at++] = KeyAttempt;
        span[at++] = 0;
        span[at++] = KeyMaxAttempts;
        at += WriteInt64(span[at..], job.MaxAttempts);
        if (headers.Count != 0)
        {
            span[at++] = KeyHeaders;
            at += WriteMapHeader(span[at..], headers.Count);
            foreach (var pair in headers)
            {
                at += WriteString(span[at..], pair.Key);
                at += WriteString(span[at..], pair.Value);
            }
        }

        output.Advance(at);

        // Remembered only now that the bytes belong to a written envelope (an abandoned write may be overwritten).
        if (!jobHit)
        {
            (t_jobText, t_jobBytes) = (job.Job, memory.Slice(jobAt, jobLength));
        }

        if (!queueHit)
        {
            (t_queueText, t_queueBytes) = (job.Queue, memory.Slice(queueAt, queueLength));
        }
    }

    private static int Copy(ReadOnlyMemory<byte> bytes, Span<byte> span)
    {
        bytes.Span.CopyTo(span);
        return bytes.Length;
    }

    private static long MaxStringSize(string text) => 5 + (3L * text.Length);

    private static int MaxSize(string id, long job, long queue, int args, IReadOnlyDictionary<string, string> headers)
    {
        // map 1, version 2, id 1+5+, job 1+, kind 2, queue 1+, args 1+5+, two times 2×10, attempt 2, attempts 1+5.
        long size = 1 + 2 + 6 + (3L * id.Length) + 1 + job + 2 + 1 + queue + 6 + args + 20 + 2 + 6;
        if (headers.Count != 0)
        {
            size += 1 + 5;
            foreach (var pair in headers)
            {
                size += 10 + (3L * pair.Key.Length) + (3L * pair.Value.Length);
            }
        }

        return size > Array.MaxLength ? throw new ArgumentException("The job is too large to encode.") : (int)size;
    }

    private static int WriteAscii(Span<byte> span, string id)
    {
        // Ids are ASCII (hex); anything else takes the general path.
        if (id.Length is > 31 and <= 255 && System.Text.Ascii.IsValid(id))
        {
            span[0] = 0xD9;
            span[1] = (byte)id.Length;
            System.Text.Ascii.FromUtf16(id, span[2..], out _);
            return 2 + id.Length;
        }

        return WriteString(span, id);
    }

    private static int WriteString(Span<byte> span, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var header = WriteStringHeader(span, length);
        Encoding.UTF8.GetBytes(text, span[header..]);
        return header + length;
    }

    private static int WriteStringHeader(Span<byte> span, int length)
    {
        if (length <= 31)
        {
            span[0] = (byte)(0xA0 | length);
            return 1;
        }

        return WriteLengthHeader(span, length, 0xD9, 0xDA, 0xDB);
    }

    private static int WriteBinHeader(Span<byte> span, int length) => WriteLengthHeader(span, length, 0xC4, 0xC5, 0xC6);

    private static int WriteMapHeader(Span<byte> span, int count)
    {
        if (count <= 15)
        {
            span[0] = (byte)(0x80 | count);
            return 1;
        }

        span[0] = count <= ushort.MaxValue ? (byte)0xDE : (byte)0xDF;
        return count <= ushort.MaxValue ? 1 + WriteUInt16(span[1..], count) : 1 + WriteUInt32(span[1..], (uint)count);
    }

    private static int WriteLengthHeader(Span<byte> span, int length, byte code8, byte code16, byte code32)
    {
        if (length <= byte.MaxValue)
        {
            span[0] = code8;
            span[1] = (byte)length;
            return 2;
        }

        if (length <= ushort.MaxValue)
        {
            span[0] = code16;
            return 1 + WriteUInt16(span[1..], length);
        }

        span[0] = code32;
        return 1 + WriteUInt32(span[1..], (uint)length);
    }

    // MessagePack's smallest encoding of an integer, as MessagePackWriter.Write(long) chooses it.
    private static int WriteInt64(Span<byte> span, long value)
    {
        if (value >= 0)
        {
            switch (value)
            {
                case <= 127:
                    span[0] = (byte)value;
                    return 1;
                case <= byte.MaxValue:
                    span[0] = 0xCC;
                    span[1] = (byte)value;
                    return 2;
                case <= ushort.MaxValue:
                    span[0] = 0xCD;
                    return 1 + WriteUInt16(span[1..], (int)value);
                case <= uint.MaxValue:
                    span[0] = 0xCE;
                    return 1 + WriteUInt32(span[1..], (uint)value);
                default:
                    span[0] = 0xCF;
                    BinaryPrimitives.WriteUInt64BigEndian(span[1..], (ulong)value);
                    return 9;
            }
        }

        switch (value)
        {
            case >= -32:
                span[0] = (byte)(sbyte)value; // negative fixint
                return 1;
            case >= sbyte.MinValue:
                span[0] = 0xD0;
                span[1] = (byte)(sbyte)value;
                return 2;
            case >= short.MinValue:
                span[0] = 0xD1;
                BinaryPrimitives.WriteInt16BigEndian(span[1..], (short)value);
                return 3;
            case >= int.MinValue:
                span[0] = 0xD2;
                BinaryPrimitives.WriteInt32BigEndian(span[1..], (int)value);
                return 5;
            default:
                span[0] = 0xD3;
                BinaryPrimitives.WriteInt64BigEndian(span[1..], value);
                return 9;
        }
    }

    private static int WriteUInt16(Span<byte> span, int value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(span, (ushort)value);
        return 2;
    }

    private static int WriteUInt32(Span<byte> span, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(span, value);
        return 4;
    }
}
