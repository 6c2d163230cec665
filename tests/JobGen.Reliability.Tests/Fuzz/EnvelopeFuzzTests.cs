using JobGen.Storage;

namespace JobGen.Reliability.Tests.Fuzz;

/// <summary>
/// The envelope decoder and the dead-job decoder, each fed <see cref="FuzzSettings.Inputs"/> random and mutated
/// inputs: only <see cref="JobPayloadException"/> comes out, allocation stays proportional to the input and
/// every input finishes quickly. The seed is printed and can be replayed with JOBGEN_FUZZ_SEED.
/// </summary>
public sealed class EnvelopeFuzzTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Envelope_decoder_only_ever_throws_JobPayloadException()
    {
        var report = await DecoderFuzzer.RunAsync(
            FuzzSettings.Seed, FuzzSettings.Inputs, FuzzCorpus.Envelopes(), input => EnvelopeSerializer.Deserialize(input), Deadline);

        TestContext.Current.TestOutputHelper?.WriteLine(DecoderFuzzer.Describe(report));
        Assert.True(report.Violations.Count == 0, DecoderFuzzer.Describe(report));
        Assert.Equal(FuzzSettings.Inputs, report.Inputs);
        Assert.True(report.Rejected > report.Inputs / 2, "most mutated inputs must be rejected, or the mutator is not reaching the decoder");
    }

    [Fact]
    public async Task Dead_job_decoder_only_ever_throws_JobPayloadException()
    {
        var report = await DecoderFuzzer.RunAsync(
            FuzzSettings.Seed, FuzzSettings.Inputs, FuzzCorpus.DeadJobs(), input => DeadJob.Deserialize(input), Deadline);

        TestContext.Current.TestOutputHelper?.WriteLine(DecoderFuzzer.Describe(report));
        Assert.True(report.Violations.Count == 0, DecoderFuzzer.Describe(report));
        Assert.Equal(FuzzSettings.Inputs, report.Inputs);
    }
}
