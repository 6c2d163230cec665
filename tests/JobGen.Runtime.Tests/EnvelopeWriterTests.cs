namespace JobGen.Runtime.Tests;

/// <summary>
/// The one envelope writer round-trips through the reader at every MessagePack encoding boundary a field can cross
/// (fixstr/str8/str16/str32, bin8/16/32, each integer width, negative and far times, fixmap/map16 headers). Its bytes
/// for format version 1 are pinned by the golden files (Golden/GoldenPayloadTests).
/// </summary>
public sealed class EnvelopeWriterTests
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
        { "j", "q", 3, 60_000, -100, 0 },
        { "j", "q", 3, 5, -100_000, 0 },
        { "j", "q", 3, 5, -3_000_000_000, 17 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Every_field_round_trips_through_the_reader(string job, string queue, int argBytes, int attempts, long createdMs, int headerCount)
    {
        var args = Enumerable.Range(0, argBytes).Select(i => (byte)(i * 7)).ToArray();
        var headers = Enumerable.Range(0, headerCount).ToDictionary(i => "h" + i, i => i % 2 == 0 ? "v" + i : "ü" + new string('x', i * 20));
        var enqueuedMs = createdMs > 0 ? createdMs - 1 : createdMs + 1;
        var lastError = headerCount % 2 == 0 ? null : "System.Exception: " + new string('é', argBytes % 300);
        var fields = new EnvelopeFields(
            "0190a1b2c3d4e5f60718293a4b5c6d7e", job, JobKind.Recurring, queue, args, createdMs, enqueuedMs, attempts - 1, attempts, lastError, headers);

        var decoded = EnvelopeSerializer.Deserialize(EnvelopeWriter.Write(fields));

        Assert.Equal(fields.Id, decoded.Id);
        Assert.Equal(job, decoded.Job);
        Assert.Equal(JobKind.Recurring, decoded.Kind);
        Assert.Equal(queue, decoded.Queue);
        Assert.Equal(args, decoded.Arguments.ToArray());
        Assert.Equal(createdMs, decoded.CreatedAt.ToUnixTimeMilliseconds());
        Assert.Equal(enqueuedMs, decoded.EnqueuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(attempts - 1, decoded.Attempt);
        Assert.Equal(attempts, decoded.MaxAttempts);
        Assert.Equal(lastError, decoded.LastError);
        Assert.Equal(headers.OrderBy(h => h.Key, StringComparer.Ordinal), decoded.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Remembered_job_names_and_queues_are_reused_only_for_the_same_strings()
    {
        // Equal text in different string objects, alternating names, a name that changes size class: every envelope
        // must still decode to its own names (a stale remembered name would show up here), and write the same bytes
        // as the same job written with nothing remembered.
        string[] jobs = ["a.job", "a.job", new string("a.job".ToCharArray()), "other.job", "a.job", new string('j', 40), "a.job"];
        string[] queues = ["q1", "q2", "q2", "q1", new string('q', 300), "q1", "q1"];
        var written = new List<ReadOnlyMemory<byte>>();
        for (var i = 0; i < jobs.Length; i++)
        {
            written.Add(EnvelopeWriter.Write(Fields(i, jobs[i], queues[i])));
        }

        for (var i = 0; i < jobs.Length; i++)
        {
            var decoded = EnvelopeSerializer.Deserialize(written[i]);
            Assert.Equal(jobs[i], decoded.Job);
            Assert.Equal(queues[i], decoded.Queue);
            Assert.Equal(EnvelopeWriter.Write(Fields(i, new string(jobs[i].ToCharArray()), new string(queues[i].ToCharArray()))).ToArray(), written[i].ToArray());
        }
    }

    [Fact]
    public void A_retry_keeps_the_job_and_records_the_attempt_and_error()
    {
        var envelope = EnvelopeSerializer.Deserialize(EnvelopeWriter.Write(Fields(1, "a.job", "q")));

        var retried = EnvelopeSerializer.Deserialize(EnvelopeSerializer.Encode(envelope.ForRetry("System.Exception: boom", DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000))));

        Assert.Equal(envelope.Id, retried.Id);
        Assert.Equal(envelope.Arguments.ToArray(), retried.Arguments.ToArray());
        Assert.Equal(envelope.CreatedAt, retried.CreatedAt);
        Assert.Equal(1_800_000_000_000, retried.EnqueuedAt.ToUnixTimeMilliseconds());
        Assert.Equal(1, retried.Attempt);
        Assert.Equal("System.Exception: boom", retried.LastError);
    }

    private static EnvelopeFields Fields(int i, string job, string queue) =>
        new("id" + i, job, JobKind.Once, queue, new byte[] { 0x91, (byte)i }, 1_764_331_200_000 + i, 1_764_331_200_000 + i, 0, 25, null, new Dictionary<string, string>());
}
