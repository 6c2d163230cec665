namespace JobGen.Testing.Tests;

/// <summary>Inline mode: every enqueue runs its job (and what that job enqueues) before it returns.</summary>
public sealed class InlineModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_inline_enqueue_has_run_the_job_and_its_follow_ups_when_it_returns()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal);
        jobs.Mode = FakeJobMode.Inline;

        await jobs.EnqueueChargeOrderAsync(1, 2m, cancellationToken: Ct);

        Assert.Equal(["charged 1 2", "receipt 1 to a@example.com,b@example.com"], journal.Lines);
        jobs.AssertEnqueued.ChargeOrder(orderId: 1);
        jobs.AssertEnqueued.SendReceipt(orderId: 1);
        Assert.Equal(2, jobs.Runs.Count);
    }

    [Fact]
    public async Task An_inline_failure_throws_from_the_enqueue_with_the_jobs_exception()
    {
        await using var jobs = TestServices.Create(new Journal());
        jobs.Mode = FakeJobMode.Inline;

        var ex = await Assert.ThrowsAsync<JobAssertionException>(async () => await jobs.EnqueueFailUntilAsync(2, cancellationToken: Ct));

        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.Contains("'orders.fail' attempt 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, await jobs.DrainAllAsync(Ct)); // the retry was scheduled as a worker would
        Assert.False(jobs.Runs[^1].Failed);
    }

    [Fact]
    public async Task A_scheduled_job_is_not_run_inline_before_it_is_due()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal);
        jobs.Mode = FakeJobMode.Inline;

        await jobs.ScheduleAddNoteAsync("later", null, TimeSpan.FromHours(1), cancellationToken: Ct);
        Assert.Empty(journal.Lines);
        jobs.Clock.Advance(TimeSpan.FromHours(1));
        await jobs.DrainAsync(Ct);

        Assert.Equal(["note later by "], journal.Lines);
    }
}
