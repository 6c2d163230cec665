using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_job_past_its_timeout_has_its_token_cancelled_and_is_retried()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var started = new Countdown(1);
        var cancelled = new Countdown(1);
        var dispatcher = new TestDispatcher().Add(
            "slow",
            async run =>
            {
                started.Hit();
                try
                {
                    await Task.Delay(Timeout.Infinite, run.Token);
                }
                catch (OperationCanceledException)
                {
                    cancelled.Hit();
                    throw;
                }
            },
            timeoutSeconds: 30);
        await using var h = WorkerHarness.Create(dispatcher, time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("slow", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, cancelled.Left);
        time.Advance(TimeSpan.FromSeconds(1));
        await cancelled.WaitAsync();
        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry");

        var (retry, _) = Assert.Single(h.Scheduled());
        Assert.Equal(1, retry.Attempt);
        Assert.StartsWith("System.TimeoutException: Job 'slow' did not finish within its timeout of 30 s.", retry.LastError);
    }

    [Fact]
    public async Task The_worker_wide_default_timeout_applies_to_jobs_without_their_own()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var started = new Countdown(1);
        var dispatcher = new TestDispatcher().Add("slow", async run =>
        {
            started.Hit();
            await Task.Delay(Timeout.Infinite, run.Token);
        });
        await using var h = WorkerHarness.Create(dispatcher, o => o.Worker.DefaultJobTimeout = TimeSpan.FromSeconds(5), time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("slow", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await started.WaitAsync();

        time.Advance(TimeSpan.FromSeconds(5));
        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry");
        Assert.Contains("timeout of 5 s", Assert.Single(h.Scheduled()).Envelope.LastError);
    }
}
