using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

/// <summary>Killing scheduled jobs and retries through the operator API: one, a selection, or every match of a filter.</summary>
public sealed class MonitorKillTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly InMemoryJobStorage _storage = new();

    [Fact]
    public async Task A_killed_retry_is_dead_with_its_payload_and_a_second_kill_changes_nothing()
    {
        var monitor = new JobMonitor(_storage, new FakeTimeProvider(T0));
        var retry = await ScheduleAsync("job.a", attempt: 2, T0.AddMinutes(5), lastError: "Timeout\n   at Somewhere()");
        var entry = Assert.Single((await monitor.GetRetryPageAsync(new JobQuery { Queue = "q" }, _ct)).Items);

        Assert.True(await monitor.KillScheduledAsync(entry, _ct));
        Assert.False(await monitor.KillScheduledAsync(entry, _ct));

        var dead = Assert.Single((await monitor.GetDeadPageAsync(new JobQuery { Queue = "q" }, _ct)).Items);
        Assert.Equal((retry, "job.a", "q", T0, DeathReason.Discarded), (dead.Dead.JobId, dead.Dead.Job, dead.Dead.Queue, dead.Dead.DiedAt, dead.Dead.Reason));
        Assert.Equal("Killed by an operator while waiting for a retry. Last error: Timeout", dead.Dead.Message);
        Assert.Equal(entry.Payload.ToArray(), dead.Dead.Payload.ToArray());
        Assert.Equal(2, dead.Envelope!.Attempt);
        Assert.Equal(0L, (await _storage.GetQueueCountsAsync("q", _ct)).Scheduled);

        // Dead, it can be retried like any dead job.
        Assert.True(await monitor.RetryDeadAsync(dead, _ct));
        Assert.Equal(1L, (await _storage.GetQueueCountsAsync("q", _ct)).Ready);
    }

    [Fact]
    public async Task Kill_in_bulk_takes_the_selection_or_every_match_and_leaves_the_rest()
    {
        var monitor = new JobMonitor(_storage, new FakeTimeProvider(T0)) { DeadSetLimits = new DeadSetLimits(100, TimeSpan.FromDays(1)) };
        var a1 = await ScheduleAsync("job.a", 0, T0.AddHours(1));
        var a2 = await ScheduleAsync("job.a", 0, T0.AddHours(2));
        var b = await ScheduleAsync("job.b", 0, T0.AddHours(3));
        var retryA = await ScheduleAsync("job.a", 1, T0.AddHours(4));

        Assert.Equal(1, await monitor.ApplyAsync(JobList.Scheduled, new JobQuery { Queue = "q" }, JobAction.Kill, [a1, "gone", retryA], _ct)); // a retry is not on this list
        Assert.Equal(1, await monitor.ApplyAsync(JobList.Scheduled, new JobQuery { Queue = "q", Job = "job.a" }, JobAction.Kill, cancellationToken: _ct));
        Assert.Equal(0, await monitor.ApplyAsync(JobList.Dead, new JobQuery { Queue = "q" }, JobAction.Kill, cancellationToken: _ct)); // already dead

        var dead = (await monitor.GetDeadPageAsync(new JobQuery { Queue = "q" }, _ct)).Items.Select(d => d.Dead.JobId).Order(StringComparer.Ordinal);
        Assert.Equal(new[] { a1, a2 }.Order(StringComparer.Ordinal), dead);
        var left = (await _storage.GetPageAsync("q", PayloadSet.Scheduled, 0, 10, _ct)).Select(p => EnvelopeSerializer.Deserialize(p.Payload).Id);
        Assert.Equal([b, retryA], left);
    }

    private async Task<string> ScheduleAsync(string job, int attempt, DateTimeOffset due, string? lastError = null)
    {
        var envelope = new JobEnvelope
        {
            Id = Guid.NewGuid().ToString("N"),
            Job = job,
            Queue = "q",
            Arguments = new byte[] { 0x90 },
            CreatedAt = T0,
            EnqueuedAt = T0,
            Attempt = attempt,
            MaxAttempts = 5,
            LastError = lastError,
        };
        await _storage.ScheduleAsync("q", EnvelopeSerializer.Serialize(envelope), due, _ct);
        return envelope.Id;
    }
}
