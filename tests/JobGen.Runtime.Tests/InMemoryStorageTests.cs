using JobGen.Storage;
using JobGen.Storage.InMemory;

namespace JobGen.Runtime.Tests;

public sealed class InMemoryStorageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly InMemoryJobStorage _storage = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Heartbeats_expire_after_their_ttl_and_removal_is_immediate()
    {
        var a = Process("a");
        await _storage.HeartbeatAsync(a, TimeSpan.FromSeconds(30), T0, _ct);
        await _storage.HeartbeatAsync(Process("b"), TimeSpan.FromSeconds(30), T0.AddSeconds(20), _ct);

        Assert.Equal(["a", "b"], (await _storage.GetProcessesAsync(T0.AddSeconds(29), _ct)).Select(p => p.Id));
        Assert.Equal(["b"], (await _storage.GetProcessesAsync(T0.AddSeconds(30), _ct)).Select(p => p.Id));

        await _storage.HeartbeatAsync(a with { Busy = 7 }, TimeSpan.FromSeconds(30), T0.AddSeconds(40), _ct);
        Assert.Equal(7, (await _storage.GetProcessesAsync(T0.AddSeconds(45), _ct)).Single(p => p.Id == "a").Busy);

        await _storage.RemoveProcessAsync("b", _ct);
        Assert.Equal(["a"], (await _storage.GetProcessesAsync(T0.AddSeconds(45), _ct)).Select(p => p.Id));
    }

    [Fact]
    public async Task Stats_add_up_overall_and_per_day()
    {
        var day1 = new DateOnly(2026, 6, 1);
        var day2 = day1.AddDays(1);
        await _storage.IncrementStatsAsync(10, 2, day1, _ct);
        await _storage.IncrementStatsAsync(5, 0, day2, _ct);
        await _storage.IncrementStatsAsync(1, 1, day2, _ct);

        var stats = await _storage.GetStatsAsync([day2, day1, day1.AddDays(-1)], _ct);
        Assert.Equal((16L, 3L), (stats.Processed, stats.Failed));
        Assert.Equal([new DailyJobStats(day2, 6, 1), new DailyJobStats(day1, 10, 2), new DailyJobStats(day1.AddDays(-1), 0, 0)], stats.Days);
    }

    [Fact]
    public async Task Counts_and_pages_show_each_structure_in_order()
    {
        await _storage.EnqueueManyAsync([new("q", new byte[] { 1 }), new("q", new byte[] { 2 }), new("q", new byte[] { 3 })], _ct);
        await _storage.ScheduleAsync("q", new byte[] { 9 }, T0.AddMinutes(2), _ct);
        await _storage.ScheduleAsync("q", new byte[] { 8 }, T0.AddMinutes(1), _ct);
        var fetched = await _storage.FetchAsync(["q"], 1, T0.AddSeconds(60), TimeSpan.Zero, _ct);
        await _storage.KillAsync(Assert.Single(fetched), new byte[] { 7 }, T0, DeadSetLimits.Default, _ct);
        var leased = await _storage.FetchAsync(["q"], 1, T0.AddSeconds(60), TimeSpan.Zero, _ct);

        var counts = await _storage.GetQueueCountsAsync("q", _ct);
        Assert.Equal((1L, 1L, 2L, 1L), (counts.Ready, counts.InFlight, counts.Scheduled, counts.Dead));
        Assert.Equal(new byte[] { 3 }, counts.OldestReady?.ToArray());
        Assert.Equal([8, 9], (await _storage.GetPageAsync("q", PayloadSet.Scheduled, 0, 10, _ct)).Select(p => p.Payload.Span[0]));
        Assert.Equal([T0.AddMinutes(1)], (await _storage.GetPageAsync("q", PayloadSet.Scheduled, 0, 1, _ct)).Select(p => p.Score));
        Assert.Equal([9], (await _storage.GetPageAsync("q", PayloadSet.Scheduled, 1, 10, _ct)).Select(p => p.Payload.Span[0]));
        Assert.Equal([2], (await _storage.GetPageAsync("q", PayloadSet.InFlight, 0, 10, _ct)).Select(p => p.Payload.Span[0]));
        Assert.Equal([7], (await _storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, _ct)).Select(p => p.Payload.Span[0]));
        Assert.Equal(0, (await _storage.GetQueueCountsAsync("never", _ct)).Ready);
        Assert.Empty(await _storage.GetPageAsync("never", PayloadSet.Ready, 0, 10, _ct));
        Assert.Equal(new byte[] { 2 }, Assert.Single(leased).Payload.ToArray());
    }

    [Fact]
    public async Task Dead_jobs_can_be_deleted_or_retried_once()
    {
        await _storage.EnqueueManyAsync([new("q", new byte[] { 1 }), new("q", new byte[] { 2 })], _ct);
        var jobs = await _storage.FetchAsync(["q"], 2, T0.AddSeconds(60), TimeSpan.Zero, _ct);
        await _storage.KillAsync(jobs[0], new byte[] { 10 }, T0, DeadSetLimits.Default, _ct);
        await _storage.KillAsync(jobs[1], new byte[] { 20 }, T0, DeadSetLimits.Default, _ct);

        Assert.True(await _storage.DeleteDeadAsync("q", new byte[] { 10 }, _ct));
        Assert.False(await _storage.DeleteDeadAsync("q", new byte[] { 10 }, _ct));
        Assert.True(await _storage.RetryDeadAsync("q", new byte[] { 20 }, new byte[] { 2, 2 }, _ct));
        Assert.False(await _storage.RetryDeadAsync("q", new byte[] { 20 }, new byte[] { 2, 2 }, _ct));

        var s = _storage.Snapshot("q");
        Assert.Empty(s.Dead);
        Assert.Equal(new byte[] { 2, 2 }, Assert.Single(s.Ready));
    }

    [Fact]
    public async Task The_dead_set_is_capped_by_count_and_by_age()
    {
        var limits = new DeadSetLimits(3, TimeSpan.FromDays(1));
        for (byte i = 0; i < 5; i++)
        {
            await _storage.EnqueueAsync("q", new[] { i }, _ct);
            var job = Assert.Single(await _storage.FetchAsync(["q"], 1, T0.AddHours(1), TimeSpan.Zero, _ct));
            await _storage.KillAsync(job, new[] { i }, T0.AddMinutes(i), limits, _ct);
        }

        Assert.Equal([2, 3, 4], _storage.Snapshot("q").Dead.Select(d => (int)d.Record[0]));

        await _storage.EnqueueAsync("q", new byte[] { 99 }, _ct);
        var late = Assert.Single(await _storage.FetchAsync(["q"], 1, T0.AddDays(3), TimeSpan.Zero, _ct));
        await _storage.KillAsync(late, new byte[] { 99 }, T0.AddDays(2), limits, _ct);
        Assert.Equal([99], _storage.Snapshot("q").Dead.Select(d => (int)d.Record[0]));
    }

    [Fact]
    public async Task Expired_leases_are_rescued_and_due_jobs_promoted_by_the_times_given()
    {
        await _storage.EnqueueAsync("q", new byte[] { 1 }, _ct);
        await _storage.ScheduleAsync("q", new byte[] { 2 }, T0.AddSeconds(10), _ct);
        var leased = Assert.Single(await _storage.FetchAsync(["q"], 5, T0.AddSeconds(60), TimeSpan.Zero, _ct));

        Assert.Equal(0, await _storage.PromoteDueAsync("q", T0.AddSeconds(9), 10, _ct));
        Assert.Equal(1, await _storage.PromoteDueAsync("q", T0.AddSeconds(10), 10, _ct));
        await _storage.RenewLeasesAsync([leased], T0.AddSeconds(120), _ct);
        Assert.Equal(0, await _storage.RescueExpiredAsync("q", T0.AddSeconds(90), 10, _ct));
        Assert.Equal(1, await _storage.RescueExpiredAsync("q", T0.AddSeconds(121), 10, _ct));
        Assert.False(await _storage.AckAsync(leased, _ct)); // the rescued lease is gone

        Assert.Equal([1, 2], _storage.Snapshot("q").Ready.Select(p => (int)p[0]));
    }

    private static ProcessInfo Process(string id) => new(id, "host", 1, ["default"], 5, 0, T0, "0.1.0");
}
