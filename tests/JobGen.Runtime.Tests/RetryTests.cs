using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

public sealed class RetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_job_that_fails_once_is_retried_after_the_backoff_and_succeeds()
    {
        var time = new FakeTimeProvider(Start);
        var attempts = new ConcurrentQueue<int>();
        var succeeded = new Countdown(1);
        var dispatcher = new TestDispatcher().Add("flaky", run =>
        {
            attempts.Enqueue(run.Envelope.Attempt);
            if (run.Envelope.Attempt == 0)
            {
                throw new InvalidOperationException("first time fails");
            }

            succeeded.Hit();
        });
        await using var h = WorkerHarness.Create(dispatcher, time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("flaky", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();

        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry to be scheduled");
        var (retry, due) = Assert.Single(h.Scheduled());
        Assert.Equal(1, retry.Attempt);
        Assert.Equal("System.InvalidOperationException: first time fails", retry.LastError);
        Assert.InRange(due - Start, DefaultRetryPolicy.BaseDelay(0), DefaultRetryPolicy.BaseDelay(0) + DefaultRetryPolicy.MaxJitter(0));
        Assert.Equal(due.ToUnixTimeMilliseconds(), retry.EnqueuedAt.ToUnixTimeMilliseconds());

        await h.UntilAsync(() => succeeded.Left == 0, advance: TimeSpan.FromSeconds(1), what: "the retry to run");
        Assert.True(time.GetUtcNow() >= due, "the retry ran before it was due");
        await h.StopAsync();

        Assert.Equal([0, 1], attempts.ToArray());
        Assert.Equal((0, 0, 0, 0), h.Count());
        var stats = await h.Monitor.GetStatsAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal((2L, 1L), (stats.Processed, stats.Failed));
    }

    [Fact]
    public async Task Retry_due_times_follow_the_policy_and_the_job_dies_after_max_attempts_with_its_last_exception()
    {
        var time = new FakeTimeProvider(Start);
        var failedAt = new ConcurrentQueue<DateTimeOffset>();
        var died = new TaskCompletionSource<(DeadJob, JobEnvelope?, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("poison", run =>
        {
            failedAt.Enqueue(time.GetUtcNow());
            throw new InvalidOperationException($"boom {run.Envelope.Attempt}");
        });
        await using var h = WorkerHarness.Create(
            dispatcher,
            time: time,
            build: b => b.AddDeathHandler(new ThrowingDeathHandler()).AddDeathHandler(new RecordingDeathHandler(died)));
        await h.Client.EnqueueAsync(TestDispatcher.Request("poison", "x", maxAttempts: 4), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();

        for (var n = 0; n < 3; n++)
        {
            await h.UntilAsync(() => h.Count().Scheduled == 1 && failedAt.Count == n + 1, what: $"retry {n + 1} to be scheduled");
            var (retry, due) = Assert.Single(h.Scheduled());
            Assert.Equal(n + 1, retry.Attempt);
            var delay = due - failedAt.Last();
            Assert.InRange(delay, DefaultRetryPolicy.BaseDelay(n), DefaultRetryPolicy.BaseDelay(n) + DefaultRetryPolicy.MaxJitter(n));
            await h.UntilAsync(() => failedAt.Count == n + 2, advance: TimeSpan.FromSeconds(2), what: $"attempt {n + 2}");
            Assert.True(failedAt.Last() >= due, "a retry ran before it was due");
        }

        var (dead, envelope, exception) = await died.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(4, failedAt.Count);
        Assert.Equal(DeathReason.AttemptsExhausted, dead.Reason);
        Assert.Equal("poison", dead.Job);
        Assert.Equal("System.InvalidOperationException", dead.ExceptionType);
        Assert.Contains("boom 3", dead.Message);
        Assert.Contains("all 4 attempts", dead.Message);
        Assert.NotNull(dead.StackTrace);
        Assert.Equal("boom 3", exception?.Message);
        Assert.Equal(dead.JobId, envelope?.Id);
        var stored = Assert.Single(h.Dead());
        Assert.Equal(dead.JobId, stored.JobId);
        Assert.Equal(4, EnvelopeSerializer.Deserialize(stored.Payload).Attempt);
        Assert.Equal((0, 0, 0, 1), h.Count());
    }

    [Fact]
    public void The_default_policy_stays_within_its_bounds()
    {
        for (var attempt = 0; attempt < 25; attempt++)
        {
            var envelope = new JobEnvelope { Id = "j", Job = "x", Queue = "q", Attempt = attempt };
            for (var i = 0; i < 50; i++)
            {
                var delay = DefaultRetryPolicy.Instance.GetRetryDelay(envelope, new InvalidOperationException());
                Assert.NotNull(delay);
                Assert.InRange(delay.Value, TimeSpan.FromSeconds(Math.Pow(attempt, 4) + 15), TimeSpan.FromSeconds(Math.Pow(attempt, 4) + 15 + (10 * (attempt + 1))));
            }
        }
    }

    [Fact]
    public async Task A_policy_that_returns_null_discards_the_job_to_the_dead_set()
    {
        var died = new TaskCompletionSource<(DeadJob, JobEnvelope?, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("once", _ => throw new InvalidOperationException("no"));
        await using var h = WorkerHarness.Create(dispatcher, build: b => b.UseRetryPolicy(new NeverRetry()).AddDeathHandler(new RecordingDeathHandler(died)));
        await h.Client.EnqueueAsync(TestDispatcher.Request("once", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();

        var (dead, _, _) = await died.Task.WaitAsync(TimeSpan.FromSeconds(15), TestContext.Current.CancellationToken);
        Assert.Equal(DeathReason.Discarded, dead.Reason);
    }

    private sealed class NeverRetry : IRetryPolicy
    {
        public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => null;
    }
}

/// <summary>Completes its task with the first death it is told about.</summary>
public sealed class RecordingDeathHandler(TaskCompletionSource<(DeadJob, JobEnvelope?, Exception?)> died) : IJobDeathHandler
{
    public ConcurrentQueue<DeadJob> All { get; } = new();

    public ValueTask OnJobDiedAsync(DeadJob dead, JobEnvelope? envelope, Exception? exception, CancellationToken cancellationToken)
    {
        All.Enqueue(dead);
        died.TrySetResult((dead, envelope, exception));
        return ValueTask.CompletedTask;
    }
}

/// <summary>A broken handler: the worker must log it and carry on.</summary>
public sealed class ThrowingDeathHandler : IJobDeathHandler
{
    public ValueTask OnJobDiedAsync(DeadJob dead, JobEnvelope? envelope, Exception? exception, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("handler bug");
}
