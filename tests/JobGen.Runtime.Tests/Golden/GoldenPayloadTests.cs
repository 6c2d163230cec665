using JobGen.Storage;

namespace JobGen.Runtime.Tests.Golden;

/// <summary>
/// Payloads written by format version 1 (checked in as Golden/*.bin) decode to exactly the values they were written
/// from, forever: jobs and dead-job records live in queues for months and outlive the code that wrote them.
/// </summary>
public sealed class GoldenPayloadTests
{
    public static TheoryData<string> EnvelopeNames => [.. GoldenCases.Envelopes.Keys];

    public static TheoryData<string> DeadJobNames => [.. GoldenCases.DeadJobs.Keys];

    [Theory]
    [MemberData(nameof(EnvelopeNames))]
    public void A_golden_envelope_decodes_to_every_value_it_was_written_with(string name)
    {
        var expected = GoldenCases.Envelopes[name];

        var decoded = EnvelopeSerializer.Deserialize(Read(name));

        Assert.Equal(expected.Id, decoded.Id);
        Assert.Equal(expected.Job, decoded.Job);
        Assert.Equal(expected.Kind, decoded.Kind);
        Assert.Equal(expected.Queue, decoded.Queue);
        Assert.Equal(expected.Arguments.ToArray(), decoded.Arguments.ToArray());
        Assert.Equal(expected.CreatedAt, decoded.CreatedAt);
        Assert.Equal(expected.EnqueuedAt, decoded.EnqueuedAt);
        Assert.Equal(expected.Attempt, decoded.Attempt);
        Assert.Equal(expected.MaxAttempts, decoded.MaxAttempts);
        Assert.Equal(expected.LastError, decoded.LastError);
        Assert.Equal(expected.Headers.OrderBy(h => h.Key, StringComparer.Ordinal), decoded.Headers.OrderBy(h => h.Key, StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DeadJobNames))]
    public void A_golden_dead_job_record_decodes_to_every_value_it_was_written_with(string name)
    {
        var expected = GoldenCases.DeadJobs[name];

        var decoded = DeadJob.Deserialize(Read(name));

        Assert.Equal(expected.JobId, decoded.JobId);
        Assert.Equal(expected.Job, decoded.Job);
        Assert.Equal(expected.Queue, decoded.Queue);
        Assert.Equal(expected.DiedAt, decoded.DiedAt);
        Assert.Equal(expected.Reason, decoded.Reason);
        Assert.Equal(expected.Message, decoded.Message);
        Assert.Equal(expected.ExceptionType, decoded.ExceptionType);
        Assert.Equal(expected.StackTrace, decoded.StackTrace);
        Assert.Equal(expected.Payload.ToArray(), decoded.Payload.ToArray());
    }

    // While the format version stays 1, today's writers produce the golden bytes exactly: same keys, same order, the
    // smallest encoding of every value. A new version adds files; it does not rewrite these.
    [Theory]
    [MemberData(nameof(EnvelopeNames))]
    public void The_envelope_writer_still_writes_the_golden_bytes(string name) =>
        Assert.Equal(Read(name), EnvelopeSerializer.Serialize(GoldenCases.Envelopes[name]));

    [Theory]
    [MemberData(nameof(DeadJobNames))]
    public void The_dead_job_writer_still_writes_the_golden_bytes(string name) =>
        Assert.Equal(Read(name), GoldenCases.DeadJobs[name].Serialize());

    [Fact]
    public void Every_golden_file_has_a_case_and_every_case_a_file()
    {
        var files = Directory.GetFiles(Folder, "*.bin").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal);

        Assert.Equal(GoldenCases.Envelopes.Keys.Concat(GoldenCases.DeadJobs.Keys).Order(StringComparer.Ordinal), files);
    }

    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Golden");

    private static byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Folder, name + ".bin"));
}
