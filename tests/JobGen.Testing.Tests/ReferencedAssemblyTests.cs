using SampleApp;

namespace JobGen.Testing.Tests;

/// <summary>Assertions for jobs declared in a referenced assembly (the samples' SampleApp), read from its metadata.</summary>
public sealed class ReferencedAssemblyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Jobs_of_a_referenced_assembly_get_typed_assertions_and_record_types_compare_by_value()
    {
        await using var jobs = new FakeJobClient();

        await jobs.EnqueueSendWelcomeEmailAsync(new WelcomeEmail(42, "ada@example.com", "en"), cancellationToken: Ct);

        jobs.AssertEnqueued.SendWelcomeEmail(email: new WelcomeEmail(42, "ada@example.com", "en"), queue: "critical");
        jobs.AssertEnqueued.SendWelcomeEmail(email: Arg.Is<WelcomeEmail>(e => e.UserId == 42));
        var ex = Assert.Throws<JobAssertionException>(() => jobs.AssertEnqueued.SendWelcomeEmail(email: new WelcomeEmail(43, "ada@example.com", "en")));
        Assert.Contains("SendWelcomeEmail(email: WelcomeEmail { UserId = 42, Address = ada@example.com, Locale = en }) on queue \"critical\"", ex.Message, StringComparison.Ordinal);
    }
}
