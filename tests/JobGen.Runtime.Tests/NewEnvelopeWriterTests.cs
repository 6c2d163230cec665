namespace JobGen.Runtime.Tests;

/// <summary>
/// The enqueue side writes envelopes without a <see cref="JobEnvelope"/> (NewEnvelopeWriter); its bytes must be
/// exactly <see cref="EnvelopeSerializer.Write"/>'s for the same job, across every MessagePack encoding boundary a
/// field can cross (fixstr/str8/str16, bin8/bin16/bin32, fixint/uint8/uint16/uint32, negative and huge timestamps,
/// fixmap/map16 headers).
/// </summary>
public sealed class NewEnvelopeWriterTests
{
    public static TheoryData<string, string, int, int, long, int> Shapes => new()
    {
        { "j", "q", 0, 1, 0, 0 },
        { "emails.welcome", "default", 1, 25, 1_700_000_000_123, 1 },
        { new string('j', 31), new string('q', 32), 255, 127, -1, 15 },
        { new string('j', 32), new string('q', 255), 256, 128, 4_294_967_295, 16 },
        { new string('j', 256), "é-ü-漢字", 65_535, 255, 4_294_967_296, 2 },
        { "jöb", new string('q', 70_000), 65_536, 256, -62_135_596_800_000, 0 },
        { "j", "q", 100_000, 65_536, 253_402_300_799_999, 1 },
        { "j", "q", 3, int.MaxValue, 127, 0 },
        { "j", "q", 3, 200, 200, 0 },
        { "j", "q", 3, 60_000, 60_000, 0 },
        { "j", "q", 3, 70_000, -100, 0 },
        { "j", "q", 3, 5, -1_000, 0 },
        { "j", "q", 3, 5, -100_000, 0 },
        { "j", "q", 3, 5, -3_000_000_000, 0 },
        { "j", "q", 3, 5, 1_764_331_200_000, 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Writes_the_same_bytes_as_the_envelope_serializer(string job, string queue, int argBytes, int maxAttempts, long createdMs, int headerCount)
    {
        var args = Enumerable.Range(0, argBytes).Select(i => (byte)(i * 7)).ToArray();
        var headers = Enumerable.Range(0, headerCount).ToDictionary(i => "h" + i, i => i % 2 == 0 ? "v" + i : "ü" + new string('x', i * 20));
        var enqueuedMs = createdMs > 0 ? createdMs - 1 : createdMs + 1; // differs from createdMs, stays in range
        var expected = EnvelopeSerializer.Serialize(new JobEnvelope
        {
            Id = "0190a1b2c3d4e5f60718293a4b5c6d7e",
            Job = job,
            Queue = queue,
            Arguments = args,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(createdMs),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(enqueuedMs),
            MaxAttempts = maxAttempts,
            Headers = headers,
        });

        Assert.Equal(expected, Write(new NewJob("0190a1b2c3d4e5f60718293a4b5c6d7e", job, queue, args, createdMs, enqueuedMs, maxAttempts, headers)));
    }

    [Fact]
    public void Remembered_job_names_and_queues_are_reused_only_for_the_same_strings()
    {
        // Equal text in different string objects, alternating names, a name that changes size class: each envelope
        // must still be exactly the serializer's (a stale remembered name would show up here).
        string[] jobs = ["a.job", "a.job", new string("a.job".ToCharArray()), "other.job", "a.job", new string('j', 40), "a.job"];
        string[] queues = ["q1", "q2", "q2", "q1", new string('q', 300), "q1", "q1"];
        var written = new List<(ReadOnlyMemory<byte> Bytes, byte[] Expected)>();
        for (var i = 0; i < jobs.Length; i++)
        {
            var args = new byte[] { 0x91, (byte)i };
            var expected = EnvelopeSerializer.Serialize(new JobEnvelope
            {
                Id = "id" + i,
                Job = jobs[i],
                Queue = queues[i],
                Arguments = args,
                CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_331_200_000 + i),
                EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_764_331_200_000 + i),
                MaxAttempts = 25,
            });
            var buffer = PayloadBuffer.Rent();
            NewEnvelopeWriter.Write(buffer, new NewJob("id" + i, jobs[i], queues[i], args, 1_764_331_200_000 + i, 1_764_331_200_000 + i, 25, new Dictionary<string, string>()));
            written.Add((buffer.Complete(), expected));
        }

        foreach (var (bytes, expected) in written)
        {
            Assert.Equal(expected, bytes.ToArray());
        }
    }

    private static byte[] Write(in NewJob job)
    {
        var buffer = PayloadBuffer.Rent();
        NewEnvelopeWriter.Write(buffer, job);
        return buffer.Complete().ToArray();
    }
}
