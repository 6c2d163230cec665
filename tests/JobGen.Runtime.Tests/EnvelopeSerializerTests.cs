using JobGen;

namespace JobGen.Runtime.Tests;

public sealed class EnvelopeSerializerTests
{
    [Fact]
    public void Round_trips_every_field()
    {
        var original = new JobEnvelope
        {
            Id = "abc",
            Job = "emails.welcome",
            Kind = JobKind.Recurring,
            Queue = "mailers",
            Arguments = new byte[] { 0x92, 0x01, 0xA1, 0x78 },
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
            EnqueuedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_001_456),
            Attempt = 3,
            MaxAttempts = 7,
            LastError = "System.InvalidOperationException: boom",
            Headers = new Dictionary<string, string> { ["traceparent"] = "00-x", ["tenant"] = "é" },
        };

        var decoded = EnvelopeSerializer.Deserialize(EnvelopeSerializer.Serialize(original));

        Assert.Equal(original.Id, decoded.Id);
        Assert.Equal(original.Job, decoded.Job);
        Assert.Equal(original.Kind, decoded.Kind);
        Assert.Equal(original.Queue, decoded.Queue);
        Assert.Equal(original.Arguments.ToArray(), decoded.Arguments.ToArray());
        Assert.Equal(original.CreatedAt, decoded.CreatedAt);
        Assert.Equal(original.EnqueuedAt, decoded.EnqueuedAt);
        Assert.Equal(3, decoded.Attempt);
        Assert.Equal(7, decoded.MaxAttempts);
        Assert.Equal(original.LastError, decoded.LastError);
        Assert.Equal(original.Headers, decoded.Headers);
    }

    [Fact]
    public void Skips_unknown_fields_from_a_newer_client()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var w = new MessagePack.MessagePackWriter(buffer);
        w.WriteMapHeader(5);
        w.Write(0); w.Write(1);
        w.Write(1); w.Write("id1");
        w.Write(2); w.Write("job1");
        w.Write(4); w.Write("q");
        w.Write(99); w.WriteArrayHeader(2); w.Write("future"); w.Write(true);
        w.Flush();

        var decoded = EnvelopeSerializer.Deserialize(buffer.WrittenMemory);

        Assert.Equal("job1", decoded.Job);
        Assert.Equal("q", decoded.Queue);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xC1 })]
    [InlineData(new byte[] { 0x81 })]
    [InlineData(new byte[] { 0x92, 0x01, 0x02 })]
    [InlineData(new byte[] { 0xDF, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Rejects_malformed_input_with_a_payload_exception(byte[] bytes)
    {
        Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(bytes));
    }
}
