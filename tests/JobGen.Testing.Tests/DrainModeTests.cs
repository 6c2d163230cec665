using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Testing.Tests;

/// <summary>Drain mode: jobs run when the test says, through the real dispatcher, middleware and retry policy, on the fake clock.</summary>
public sealed class DrainModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Record_mode_runs_nothing_until_the_drain_which_also_runs_the_jobs_that_jobs_enqueue()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal);
        await jobs.EnqueueChargeOrderAsync(7, 9.5m, cancellationToken: Ct);
        Assert.Empty(journal.Lines);

        var runs = await jobs.DrainAsync(Ct);

        Assert.Equal(2, runs);
        Assert.Equal(["charged 7 9.5", "receipt 7 to a@example.com,b@example.com"], journal.Lines);
        jobs.AssertEnqueued.SendReceipt(orderId: 7, recipients: new[] { "a@example.com", "b@example.com" }, queue: "mailers");
        jobs.AssertNoFailedRuns();
        Assert.Equal(0, await jobs.DrainAsync(Ct));
    }

    [Fact]
    public async Task A_scheduled_job_waits_for_the_fake_clock()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal);
        await jobs.ScheduleAddNoteAsync("later", null, TimeSpan.FromMinutes(10), cancellationToken: Ct);

        Assert.Equal(0, await jobs.DrainAsync(Ct));
        jobs.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.Equal(0, await jobs.DrainAsync(Ct));
        jobs.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await jobs.DrainAsync(Ct));

        Assert.Equal(["note later by "], journal.Lines);
    }

    [Fact]
    public async Task Retries_follow_the_registered_retry_policy_on_the_fake_clock()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal, s => s.AddJobGen().UseRetryPolicy(new FixedDelay(TimeSpan.FromMinutes(5))));
        var start = jobs.Clock.GetUtcNow();
        await jobs.EnqueueFailUntilAsync(3, cancellationToken: Ct);

        Assert.Equal(1, await jobs.DrainAsync(Ct)); // the retry is scheduled 5 minutes later
        var runs = await jobs.DrainAllAsync(Ct);

        Assert.Equal(2, runs);
        Assert.Equal(["attempt 1", "attempt 2", "attempt 3"], journal.Lines);
        Assert.Equal(start.AddMinutes(10), jobs.Clock.GetUtcNow());
        Assert.Equal([1, 2, 3], jobs.Runs.Select(r => r.Attempt));
        Assert.Equal([true, true, false], jobs.Runs.Select(r => r.Failed));
        Assert.Throws<JobAssertionException>(jobs.AssertNoFailedRuns);
    }

    [Fact]
    public async Task A_job_out_of_attempts_goes_to_the_dead_set()
    {
        await using var jobs = TestServices.Create(new Journal());
        await jobs.EnqueueFailUntilAsync(10, cancellationToken: Ct);

        Assert.Equal(3, await jobs.DrainAllAsync(Ct)); // MaxAttempts = 3, default backoff on the fake clock

        var dead = Assert.Single(await jobs.Monitor.GetDeadAsync("default", cancellationToken: Ct));
        Assert.Equal("orders.fail", dead.Dead.Job);
        Assert.Contains("attempt 3 fails", dead.Dead.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_and_client_middleware_run_as_in_a_worker()
    {
        var journal = new Journal();
        await using var jobs = TestServices.Create(journal, s => s.AddJobGen()
            .AddServerMiddleware<JournalingMiddleware>()
            .AddClientMiddleware(new RerouteMiddleware("rerouted")));

        await jobs.EnqueuePingAsync(cancellationToken: Ct);
        await jobs.DrainAsync(Ct);

        jobs.AssertEnqueued.Ping(queue: "rerouted");
        Assert.Equal(["before orders.ping", "after orders.ping"], journal.Lines);
    }

    [Fact]
    public async Task A_drain_that_never_ends_fails_with_a_clear_message()
    {
        await using var jobs = TestServices.Create(new Journal());
        jobs.MaxRunsPerDrain = 50;
        await jobs.EnqueueEnqueueItselfAsync(0, cancellationToken: Ct);

        var ex = await Assert.ThrowsAsync<JobAssertionException>(async () => await jobs.DrainAsync(Ct));

        Assert.Contains("The drain made 50 runs and jobs are still due", ex.Message, StringComparison.Ordinal);
    }

    private sealed class FixedDelay(TimeSpan delay) : IRetryPolicy
    {
        public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => delay;
    }

    private sealed class JournalingMiddleware(Journal journal) : IServerMiddleware
    {
        public async ValueTask InvokeAsync(JobContext job, IServiceProvider services, JobRunDelegate next, CancellationToken cancellationToken)
        {
            journal.Write("before " + job.Job);
            await next();
            journal.Write("after " + job.Job);
        }
    }

    private sealed class RerouteMiddleware(string queue) : IClientMiddleware
    {
        public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken)
        {
            job.Queue = queue;
            return next();
        }
    }
}
