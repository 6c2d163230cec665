using System.Buffers;
using MessagePack;

namespace JobGen.Runtime.Tests;

/// <summary>
/// The span-based envelope decoder against what MessagePack-CSharp writes: every encoding a conforming writer may
/// choose for a field (not only the shortest one JobGen's own writer picks), unknown fields of every type, and
/// every truncation of a valid envelope.
/// </summary>
public sealed class EnvelopeReaderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Decodes_every_integer_string_and_binary_width(int width)
    {
        var args = Enumerable.Range(0, width switch { 0 => 3, 1 => 200, 2 => 300, _ => 70_000 }).Select(i => (byte)i).ToArray();
        var id = new string('i', width switch { 0 => 5, 1 => 40, 2 => 300, _ => 70_000 });
        var payload = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(10);
            w.Write(0); WriteInt(ref w, 1, width);
            w.Write(1); WriteStr(ref w, id, width);
            w.Write(2); WriteStr(ref w, "emails.welcome", width);
            w.Write(3); WriteInt(ref w, 1, width);
            w.Write(4); WriteStr(ref w, "mailers", width);
            w.Write(5); WriteBin(ref w, args, width);
            w.Write(6); w.WriteInt64(1_700_000_000_123);
            w.Write(7); w.WriteUInt64(1_700_000_001_456);
            w.Write(8); WriteInt(ref w, 3, width);
            w.Write(9); WriteInt(ref w, 7, width);
        });

        var decoded = EnvelopeSerializer.Deserialize(payload);

        Assert.Equal(id, decoded.Id);
        Assert.Equal("emails.welcome", decoded.Job);
        Assert.Equal(JobKind.Recurring, decoded.Kind);
        Assert.Equal("mailers", decoded.Queue);
        Assert.Equal(args, decoded.Arguments.ToArray());
        Assert.Equal(1_700_000_000_123, decoded.CreatedAt.ToUnixTimeMilliseconds());
        Assert.Equal(1_700_000_001_456, decoded.EnqueuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(3, decoded.Attempt);
        Assert.Equal(7, decoded.MaxAttempts);
    }

    [Fact]
    public void Skips_unknown_fields_of_every_type_including_string_keys()
    {
        var payload = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(16);
            w.Write(0); w.Write(1);
            w.Write(20); w.Write(1.5);
            w.Write(21); w.Write(1.5f);
            w.Write(22); w.WriteExtensionFormat(new ExtensionResult(5, new byte[] { 1, 2, 3 }));
            w.Write(23); w.WriteExtensionFormat(new ExtensionResult(5, new byte[16]));
            w.Write(24); w.WriteArrayHeader(3); w.Write(true); w.Write(false); w.WriteNil();
            w.Write(25); w.WriteMapHeader(1); w.Write("k"); w.WriteArrayHeader(1); w.WriteMapHeader(0);
            w.Write(26); w.Write(-5_000_000_000L);
            w.Write("a string key"); w.Write("its value");
            w.Write(true); w.WriteArrayHeader(2); w.Write(1); w.Write(2);
            w.Write(27); w.Write(new byte[300]);
            w.Write(28); w.WriteExtensionFormat(new ExtensionResult(-1, new byte[70_000]));
            w.Write(1); w.Write("id1");
            w.Write(2); w.Write("job1");
            w.Write(4); w.Write("q");
            w.Write(10); w.WriteNil();
        });

        var decoded = EnvelopeSerializer.Deserialize(payload);

        Assert.Equal(("id1", "job1", "q"), (decoded.Id, decoded.Job, decoded.Queue));
        Assert.Null(decoded.LastError);
    }

    [Fact]
    public void Every_truncation_of_a_valid_envelope_is_a_payload_error()
    {
        var payload = EnvelopeSerializer.Serialize(new JobEnvelope
        {
            Id = "abc",
            Job = "emails.welcome",
            Queue = "mailers",
            Arguments = new byte[] { 0x92, 0x01, 0xA1, 0x78 },
            LastError = "boom",
            Headers = new Dictionary<string, string> { ["tenant"] = "t1" },
        });

        Assert.Equal("abc", EnvelopeSerializer.Deserialize(payload).Id);
        for (var length = 0; length < payload.Length; length++)
        {
            Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(payload.AsMemory(0, length)));
        }
    }

    [Fact]
    public void Known_job_ids_and_queues_are_shared_not_copied_and_unknown_ones_still_decode()
    {
        var job = string.Concat("emails.", "welcome"); // not the literal's interned instance
        var queue = string.Concat("mail", "ers");
        var known = new KnownStrings([job, queue, "reports.daily"]);
        var payload = EnvelopeSerializer.Serialize(new JobEnvelope { Id = "abc", Job = "emails.welcome", Queue = "mailers" });
        var other = EnvelopeSerializer.Serialize(new JobEnvelope { Id = "abc", Job = "emails.welcomf", Queue = "mailers2" });

        var decoded = EnvelopeSerializer.Deserialize(other); // the worker decodes into its loop's envelope
        EnvelopeSerializer.DeserializeInto(decoded, payload, known);
        var unknown = EnvelopeSerializer.Deserialize(payload);
        EnvelopeSerializer.DeserializeInto(unknown, other, known);

        Assert.Same(job, decoded.Job);
        Assert.Same(queue, decoded.Queue);
        Assert.Equal(("emails.welcomf", "mailers2"), (unknown.Job, unknown.Queue));
    }

    [Fact]
    public void The_worker_decode_into_its_loop_envelope_allocates_nothing_and_a_bad_payload_leaves_it_as_it_was()
    {
        var known = new KnownStrings(["emails.welcome", "mailers"]);
        var first = EnvelopeSerializer.Serialize(new JobEnvelope
        {
            Id = "0192f0c1a2b34c5d8e9f00112233aabb",
            Job = "emails.welcome",
            Queue = "mailers",
            Arguments = new byte[] { 0x92, 0x01, 0xA1, 0x78 },
        });
        var second = EnvelopeSerializer.Serialize(new JobEnvelope
        {
            Id = "0192f0c1a2b34c5d8e9f00112233aacc",
            Job = "emails.welcome",
            Queue = "mailers",
            Attempt = 2,
            Arguments = new byte[] { 0x91, 0x02 },
        });
        var slot = EnvelopeSerializer.Deserialize(first); // any envelope will do as the loop's one
        EnvelopeSerializer.DeserializeInto(slot, second, known); // warm-up

        var before = GC.GetAllocatedBytesForCurrentThread();
        EnvelopeSerializer.DeserializeInto(slot, first, known);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Job and queue are the known instances, the id stays bytes until read, the arguments are a slice.
        Assert.Equal(0, allocated);
        Assert.Equal(("0192f0c1a2b34c5d8e9f00112233aabb", 0, 4), (slot.Id, slot.Attempt, slot.Arguments.Length));

        Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.DeserializeInto(slot, second.AsMemory(0, second.Length - 1), known));
        Assert.Equal(("0192f0c1a2b34c5d8e9f00112233aabb", 0, 4), (slot.Id, slot.Attempt, slot.Arguments.Length));
    }

    [Fact]
    public void A_forged_container_count_in_an_unknown_field_is_rejected_without_reading_past_the_end()
    {
        var payload = Write((ref MessagePackWriter w) =>
        {
            w.WriteMapHeader(2);
            w.Write(0); w.Write(1);
            w.Write(30); w.WriteArrayHeader(1_000_000); w.Write(1);
        });

        var error = Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(payload));
        Assert.Contains("claims", error.Message, StringComparison.Ordinal);
    }

    private delegate void WriteFields(ref MessagePackWriter w);

    private static byte[] Write(WriteFields write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        var w = new MessagePackWriter(buffer);
        write(ref w);
        w.Flush();
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteInt(ref MessagePackWriter w, int value, int width)
    {
        switch (width)
        {
            case 0: w.Write(value); break;
            case 1: w.WriteUInt8((byte)value); break;
            case 2: w.WriteInt16((short)value); break;
            default: w.WriteInt32(value); break;
        }
    }

    private static void WriteStr(ref MessagePackWriter w, string value, int width)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(value);
        switch (width)
        {
            case 0 when utf8.Length <= 31: w.WriteRaw(new byte[] { (byte)(0xa0 | utf8.Length) }); break;
            case 0 or 1 when utf8.Length <= 255: w.WriteRaw(new byte[] { 0xd9, (byte)utf8.Length }); break;
            case 0 or 1 or 2 when utf8.Length <= ushort.MaxValue: w.WriteRaw(new byte[] { 0xda, (byte)(utf8.Length >> 8), (byte)utf8.Length }); break;
            default: w.WriteRaw(new byte[] { 0xdb, (byte)(utf8.Length >> 24), (byte)(utf8.Length >> 16), (byte)(utf8.Length >> 8), (byte)utf8.Length }); break;
        }

        w.WriteRaw(utf8);
    }

    private static void WriteBin(ref MessagePackWriter w, byte[] value, int width)
    {
        switch (width)
        {
            case 0 or 1 when value.Length <= 255: w.WriteRaw(new byte[] { 0xc4, (byte)value.Length }); break;
            case 0 or 1 or 2 when value.Length <= ushort.MaxValue: w.WriteRaw(new byte[] { 0xc5, (byte)(value.Length >> 8), (byte)value.Length }); break;
            default: w.WriteRaw(new byte[] { 0xc6, (byte)(value.Length >> 24), (byte)(value.Length >> 16), (byte)(value.Length >> 8), (byte)value.Length }); break;
        }

        w.WriteRaw(value);
    }
}
