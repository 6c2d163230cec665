using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Processes, stats and the operator API (counts, pages, dead retry and delete).
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Heartbeat_registers_a_process_until_its_ttl_runs_out()
    {
        var process = new ProcessInfo("worker-1", "host-a", 4242, ["critical", "default"], 10, 3, T0, "1.2.3");
        var ttl = TimeSpan.FromSeconds(60);

        await Storage.HeartbeatAsync(process, ttl, T0, Ct);

        var listed = Assert.Single(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(30), Ct));
        Assert.Equal(
            (process.Id, process.Host, process.Pid, process.Concurrency, process.Busy, process.StartedAt, process.Version),
            (listed.Id, listed.Host, listed.Pid, listed.Concurrency, listed.Busy, listed.StartedAt, listed.Version));
        Assert.Equal(process.Queues, listed.Queues);
        Assert.Empty(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(61), Ct));
    }

    [Fact]
    public async Task Heartbeat_refreshes_a_process_and_remove_deregisters_it()
    {
        var ttl = TimeSpan.FromSeconds(60);
        await Storage.HeartbeatAsync(new ProcessInfo("w1", "h", 1, ["q"], 5, 0, T0, "1"), ttl, T0, Ct);
        await Storage.HeartbeatAsync(new ProcessInfo("w2", "h", 2, ["q"], 5, 0, T0, "1"), ttl, T0, Ct);

        await Storage.HeartbeatAsync(new ProcessInfo("w1", "h", 1, ["q"], 5, 4, T0, "1"), ttl, T0 + TimeSpan.FromSeconds(50), Ct);

        var alive = Assert.Single(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(90), Ct));
        Assert.Equal(("w1", 4), (alive.Id, alive.Busy));
        await Storage.RemoveProcessAsync("w1", Ct);
        Assert.Empty(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(90), Ct));
    }

    [Fact]
    public async Task Stats_add_up_overall_and_per_day()
    {
        var monday = new DateOnly(2026, 1, 5);
        var tuesday = monday.AddDays(1);

        await Storage.IncrementStatsAsync(3, 1, monday, Ct);
        await Storage.IncrementStatsAsync(2, 0, tuesday, Ct);
        await Storage.IncrementStatsAsync(0, 4, monday, Ct);

        var stats = await Storage.GetStatsAsync([monday, tuesday, tuesday.AddDays(1)], Ct);
        Assert.Equal((5L, 5L), (stats.Processed, stats.Failed));
        Assert.Equal(
            [(monday, 3L, 5L), (tuesday, 2L, 0L), (tuesday.AddDays(1), 0L, 0L)],
            stats.Days.Select(d => (d.Day, d.Processed, d.Failed)));
    }

    [Fact]
    public async Task Queue_counts_cover_every_structure_and_the_oldest_ready_job()
    {
        await EnqueueAllAsync("q", "leased", "oldest-waiting", "newest-waiting");
        var leased = Assert.Single(await FetchNowAsync("q", 1));
        await Storage.ScheduleAsync("q", P("later"), T0 + TimeSpan.FromHours(1), Ct);
        await EnqueueAllAsync("q", "just-enqueued");

        var counts = await Storage.GetQueueCountsAsync("q", Ct);

        Assert.Equal(("q", 3L, 1L, 1L, 0L), (counts.Queue, counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead));
        Assert.Equal("oldest-waiting", Text(counts.OldestReady!.Value));
        Assert.True(await Storage.AckAsync(leased, Ct));
    }

    [Fact]
    public async Task Counts_of_an_unknown_queue_are_zero()
    {
        var counts = await Storage.GetQueueCountsAsync("never-used", Ct);

        Assert.Equal((0L, 0L, 0L, 0L, false), (counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead, counts.OldestReady.HasValue));
    }

    [Fact]
    public async Task Pages_list_each_structure_oldest_first_with_scores()
    {
        await EnqueueAllAsync("q", "r1", "r2", "r3", "r4", "r5");
        await FetchNowAsync("q", 1, T0 + TimeSpan.FromSeconds(50));
        await FetchNowAsync("q", 1, T0 + TimeSpan.FromSeconds(40));
        await Storage.ScheduleAsync("q", P("s-late"), T0 + TimeSpan.FromHours(2), Ct);
        await Storage.ScheduleAsync("q", P("s-soon"), T0 + TimeSpan.FromHours(1), Ct);

        Assert.Equal(["r3", "r4", "r5"], Texts(await Storage.GetPageAsync("q", PayloadSet.Ready, 0, 10, Ct)));
        Assert.Equal(["r4"], Texts(await Storage.GetPageAsync("q", PayloadSet.Ready, 1, 1, Ct)));
        Assert.Equal(["r5"], Texts(await Storage.GetPageAsync("q", PayloadSet.Ready, 2, 10, Ct)));
        Assert.Empty(await Storage.GetPageAsync("q", PayloadSet.Ready, 3, 10, Ct));
        Assert.All(await Storage.GetPageAsync("q", PayloadSet.Ready, 0, 10, Ct), p => Assert.Null(p.Score));

        var inFlight = await Storage.GetPageAsync("q", PayloadSet.InFlight, 0, 10, Ct);
        Assert.Equal([("r2", T0 + TimeSpan.FromSeconds(40)), ("r1", T0 + TimeSpan.FromSeconds(50))], inFlight.Select(p => (Text(p.Payload), p.Score!.Value)));

        var scheduled = await Storage.GetPageAsync("q", PayloadSet.Scheduled, 1, 5, Ct);
        Assert.Equal([("s-late", T0 + TimeSpan.FromHours(2))], scheduled.Select(p => (Text(p.Payload), p.Score!.Value)));
    }

    [Fact]
    public async Task Dead_job_can_be_retried_once_and_runs_again()
    {
        var record = await KillOneAsync("q", "broken");

        Assert.True(await Storage.RetryDeadAsync("q", record, P("broken-again"), Ct));
        Assert.False(await Storage.RetryDeadAsync("q", record, P("broken-again"), Ct));

        Assert.Empty(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct));
        Assert.Equal(["broken-again"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Dead_job_can_be_deleted_once()
    {
        var record = await KillOneAsync("q", "hopeless");

        Assert.True(await Storage.DeleteDeadAsync("q", record, Ct));
        Assert.False(await Storage.DeleteDeadAsync("q", record, Ct));

        Assert.Equal(0L, (await Storage.GetQueueCountsAsync("q", Ct)).Dead);
    }

    [Fact]
    public async Task Dead_records_round_trip_through_the_dead_set()
    {
        var record = await KillOneAsync("q", "payload-bytes");

        var stored = Assert.Single(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct));
        var dead = DeadJob.Deserialize(stored.Payload);

        Assert.Equal(record, stored.Payload.ToArray());
        Assert.Equal(("job-1", "q", DeathReason.AttemptsExhausted, "payload-bytes"), (dead.JobId, dead.Queue, dead.Reason, Text(dead.Payload)));
    }

    private async Task<byte[]> KillOneAsync(string queue, string payload)
    {
        await EnqueueAllAsync(queue, payload);
        var job = Assert.Single(await FetchNowAsync(queue, 1));
        var record = new DeadJob
        {
            JobId = "job-1",
            Job = "tests.failing",
            Queue = queue,
            DiedAt = T0,
            Reason = DeathReason.AttemptsExhausted,
            Message = "InvalidOperationException: it broke",
            ExceptionType = typeof(InvalidOperationException).FullName,
            Payload = job.Payload,
        }.Serialize();
        await Storage.KillAsync(job, record, T0, DeadSetLimits.Default, Ct);
        return record;
    }
}
