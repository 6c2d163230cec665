using System.Buffers;
using JobGen.Storage;
using MessagePack;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>The named attacks the fuzzer samples at random, each pinned once so its outcome is explicit.</summary>
public sealed class HostileEnvelopeTests
{
    [Theory]
    [InlineData(0xDB)] // str32: the job id claims 4 GB
    [InlineData(0xC6)] // bin32: the arguments claim 4 GB
    [InlineData(0xDD)] // array32: an unknown field claims 4 G items
    [InlineData(0xDF)] // map32: the headers claim 4 G pairs
    public void A_forged_huge_length_prefix_is_a_payload_error_without_a_huge_allocation(byte code)
    {
        var payload = Envelope(w =>
        {
            w.Write(code switch { 0xDB => 1, 0xC6 => 5, 0xDD => 42, _ => 11 });
            w.Flush();
        }, forged: [code, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x02]);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(payload));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.InRange(allocated, 0, 1024 * 1024);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    // Unknown fields are skipped iteratively (SpanMessagePackReader.Skip), so a deep one is skipped (a newer client's data)
    // and a cut-short one is a decode error; neither may overflow the stack.
    [Theory]
    [InlineData(100_000, false, true)]
    [InlineData(100_000, true, true)]
    [InlineData(1_000_000, false, true)]
    [InlineData(100_000, false, false)]
    [InlineData(1_000_000, true, false)]
    public void A_nesting_bomb_in_an_unknown_field_is_skipped_or_rejected_never_a_stack_overflow(int depth, bool maps, bool closed)
    {
        var bomb = new List<byte>();
        for (var i = 0; i < depth; i++)
        {
            bomb.AddRange(maps ? [0x81, 0x00] : [0x91]);
        }

        if (closed)
        {
            bomb.Add(0xC0);
        }

        var payload = Envelope(w => { w.Write(42); w.Flush(); }, forged: [.. bomb]);

        if (closed)
        {
            Assert.Equal("emails.welcome", EnvelopeSerializer.Deserialize(payload).Job);
        }
        else
        {
            Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(payload));
        }
    }

    [Fact]
    public void A_dead_job_record_with_a_forged_payload_length_is_a_payload_error()
    {
        var record = new DeadJob { JobId = "x", Queue = "q", Message = "m", Payload = new byte[] { 1, 2, 3 } }.Serialize();
        var at = record.AsSpan().LastIndexOf((byte)0xC4); // bin8 header of the payload
        byte[] forged = [.. record.AsSpan(0, at), 0xC6, 0x7F, 0xFF, 0xFF, 0xFF, .. record.AsSpan(at + 2)];

        Assert.Throws<JobPayloadException>(() => DeadJob.Deserialize(forged));
    }

    // A valid map header of 6 (version, id, job, queue, kind, then the field under attack) followed by hostile bytes.
    private static byte[] Envelope(Action<MessagePackWriter> writeKey, byte[] forged)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        w.WriteMapHeader(6);
        w.Write(0); w.Write(1);
        w.Write(1); w.Write("0193a1b2c3d4");
        w.Write(2); w.Write("emails.welcome");
        w.Write(4); w.Write("default");
        w.Write(3); w.Write((byte)0);
        w.Flush();
        var head = buffer.WrittenSpan.ToArray();
        var keyBuffer = new ArrayBufferWriter<byte>();
        writeKey(new MessagePackWriter(keyBuffer));
        return [.. head, .. keyBuffer.WrittenSpan, .. forged];
    }
}
