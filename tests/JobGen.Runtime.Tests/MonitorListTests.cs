using JobGen.Storage;
using JobGen.Storage.InMemory;

namespace JobGen.Runtime.Tests;

/// <summary>The operator API's paged, filtered lists, lookup by id and bulk actions (storage-neutral: in-memory here, Redis through the dashboard tests).</summary>
public sealed class MonitorListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly InMemoryJobStorage _storage = new();

    [Fact]
    public async Task Dead_pages_run_newest_first_with_their_total()
    {
        var monitor = new JobMonitor(_storage);
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            ids.Add(await KillAsync("job.a", DeathReason.AttemptsExhausted, T0.AddMinutes(i)));
        }

        var first = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", PageSize = 3 }, _ct);
        var last = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", PageSize = 3, Page = 2 }, _ct);
        var past = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", PageSize = 3, Page = 3 }, _ct);

        Assert.Equal([ids[6], ids[5], ids[4]], first.Items.Select(d => d.Dead.JobId));
        Assert.Equal((7L, true), (first.Total!.Value, first.HasNext));
        Assert.Equal([ids[0]], last.Items.Select(d => d.Dead.JobId));
        Assert.False(last.HasNext);
        Assert.Empty(past.Items);
    }

    [Fact]
    public async Task Filters_narrow_dead_jobs_by_job_and_reason_and_scheduled_jobs_apart_from_retries()
    {
        var monitor = new JobMonitor(_storage);
        var a = await KillAsync("job.a", DeathReason.AttemptsExhausted, T0);
        var b = await KillAsync("job.b", DeathReason.BadArguments, T0.AddMinutes(1));
        var c = await KillAsync("job.a", DeathReason.BadArguments, T0.AddMinutes(2));
        var later = await ScheduleAsync("job.a", attempt: 0, T0.AddHours(1));
        var retry = await ScheduleAsync("job.b", attempt: 2, T0.AddMinutes(5));

        var jobA = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", Job = "job.a" }, _ct);
        var bad = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", Reason = DeathReason.BadArguments }, _ct);
        var both = await monitor.GetDeadPageAsync(new JobQuery { Queue = "q", Job = "job.a", Reason = DeathReason.BadArguments }, _ct);

        Assert.Equal([c, a], jobA.Items.Select(d => d.Dead.JobId));
        Assert.Null(jobA.Total);
        Assert.Equal([c, b], bad.Items.Select(d => d.Dead.JobId));
        Assert.Equal([c], both.Items.Select(d => d.Dead.JobId));
        Assert.Equal([later], (await monitor.GetScheduledPageAsync(new JobQuery { Queue = "q" }, _ct)).Items.Select(e => e.Envelope!.Id));
        Assert.Equal([retry], (await monitor.GetRetryPageAsync(new JobQuery { Queue = "q" }, _ct)).Items.Select(e => e.Envelope!.Id));
    }

    [Fact]
    public async Task A_job_is_found_by_id_in_any_state_with_or_without_a_position()
    {
        var monitor = new JobMonitor(_storage);
        var dead = await KillAsync("job.a", DeathReason.AttemptsExhausted, T0);
        var scheduled = await ScheduleAsync("job.a", 0, T0.AddHours(1));
        var ready = Envelope("job.a", 0);
        await _storage.EnqueueAsync("q", EnvelopeSerializer.Serialize(ready), _ct);

        Assert.Equal(PayloadSet.Dead, (await monitor.FindJobAsync(dead, cancellationToken: _ct))!.Set);
        Assert.Equal(PayloadSet.Dead, (await monitor.FindJobAsync(dead, "q", PayloadSet.Dead, position: 0, _ct))!.Set);
        Assert.Equal(PayloadSet.Dead, (await monitor.FindJobAsync(dead, "q", PayloadSet.Ready, position: 0, _ct))!.Set); // a wrong hint still finds it
        Assert.Equal(PayloadSet.Scheduled, (await monitor.FindJobAsync(scheduled, "q", cancellationToken: _ct))!.Set);
        var found = await monitor.FindJobAsync(ready.Id, "q", PayloadSet.Ready, position: 0, _ct);
        Assert.Equal((PayloadSet.Ready, ready.Id), (found!.Set, found.Envelope!.Id));
        Assert.Null(await monitor.FindJobAsync("nope", "q", cancellationToken: _ct));
        Assert.Null(await monitor.FindJobAsync(dead, "other", cancellationToken: _ct));
    }

    [Fact]
    public async Task Bulk_actions_change_each_matching_job_once()
    {
        var monitor = new JobMonitor(_storage, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(T0));
        var a1 = await KillAsync("job.a", DeathReason.AttemptsExhausted, T0);
        await KillAsync("job.a", DeathReason.AttemptsExhausted, T0.AddMinutes(1));
        var b = await KillAsync("job.b", DeathReason.AttemptsExhausted, T0.AddMinutes(2));
        var due = await ScheduleAsync("job.a", 0, T0.AddHours(1));

        Assert.Equal(1, await monitor.ApplyAsync(JobList.Dead, new JobQuery { Queue = "q" }, JobAction.Delete, [b, "gone"], _ct));
        Assert.Equal(2, await monitor.ApplyAsync(JobList.Dead, new JobQuery { Queue = "q", Job = "job.a" }, JobAction.RunNow, cancellationToken: _ct));
        Assert.Equal(0, await monitor.ApplyAsync(JobList.Dead, new JobQuery { Queue = "q" }, JobAction.RunNow, [a1], _ct)); // already retried
        Assert.Equal(1, await monitor.ApplyAsync(JobList.Scheduled, new JobQuery { Queue = "q" }, JobAction.RunNow, [due], _ct));

        var counts = await _storage.GetQueueCountsAsync("q", _ct);
        Assert.Equal((3L, 0L, 0L), (counts.Ready, counts.Dead, counts.Scheduled));
        var front = EnvelopeSerializer.Deserialize(Assert.Single(await _storage.GetPageAsync("q", PayloadSet.Ready, 0, 1, _ct)).Payload);
        Assert.Equal(due, front.Id); // run now goes to the front
    }

    private static JobEnvelope Envelope(string job, int attempt) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        Job = job,
        Queue = "q",
        Arguments = new byte[] { 0x90 },
        CreatedAt = T0,
        EnqueuedAt = T0,
        Attempt = attempt,
        MaxAttempts = 5,
    };

    private async Task<string> KillAsync(string job, DeathReason reason, DateTimeOffset diedAt)
    {
        var envelope = Envelope(job, 5);
        await _storage.EnqueueAsync("q", EnvelopeSerializer.Serialize(envelope), _ct);
        var leased = Assert.Single(await _storage.FetchAsync(["q"], 1, T0.AddHours(1), TimeSpan.Zero, _ct));
        var record = new DeadJob { JobId = envelope.Id, Job = job, Queue = "q", DiedAt = diedAt, Reason = reason, Message = "m", Payload = leased.Payload };
        await _storage.KillAsync(leased, record.Serialize(), diedAt, DeadSetLimits.Default, _ct);
        return envelope.Id;
    }

    private async Task<string> ScheduleAsync(string job, int attempt, DateTimeOffset due)
    {
        var envelope = Envelope(job, attempt);
        await _storage.ScheduleAsync("q", EnvelopeSerializer.Serialize(envelope), due, _ct);
        return envelope.Id;
    }
}
