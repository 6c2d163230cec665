using JobGen.Storage;

namespace JobGen.Storage.Testing;

// An operator's kill of a scheduled job or retry: scheduled to dead in one step, once.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Killing_a_scheduled_job_moves_it_to_dead_once()
    {
        await Storage.ScheduleAsync("q", P("kill-me"), T0 + TimeSpan.FromHours(1), Ct);
        await Storage.ScheduleAsync("q", P("keep-me"), T0 + TimeSpan.FromHours(2), Ct);

        Assert.True(await Storage.KillScheduledAsync("q", P("kill-me"), P("record-1"), T0, DeadSetLimits.Default, Ct));
        Assert.False(await Storage.KillScheduledAsync("q", P("kill-me"), P("record-2"), T0, DeadSetLimits.Default, Ct));
        Assert.False(await Storage.KillScheduledAsync("nowhere", P("keep-me"), P("record-3"), T0, DeadSetLimits.Default, Ct));

        var counts = await Storage.GetQueueCountsAsync("q", Ct);
        Assert.Equal((1L, 1L), (counts.Scheduled, counts.Dead));
        var dead = Assert.Single(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct));
        Assert.Equal(("record-1", T0), (Text(dead.Payload), dead.Score));
        Assert.Equal(["keep-me"], Texts(await Storage.GetPageAsync("q", PayloadSet.Scheduled, 0, 10, Ct)));
    }

    [Fact]
    public async Task Killing_a_job_that_is_no_longer_scheduled_changes_nothing()
    {
        await Storage.ScheduleAsync("q", P("due"), T0 - TimeSpan.FromSeconds(1), Ct);
        Assert.Equal(1, await Storage.PromoteDueAsync("q", T0, 10, Ct)); // a worker got to it first

        Assert.False(await Storage.KillScheduledAsync("q", P("due"), P("record"), T0, DeadSetLimits.Default, Ct));

        var counts = await Storage.GetQueueCountsAsync("q", Ct);
        Assert.Equal((1L, 0L, 0L), (counts.Ready, counts.Scheduled, counts.Dead));
        Assert.Equal(["due"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Killing_a_scheduled_job_trims_the_dead_set_by_count_and_age()
    {
        var limits = new DeadSetLimits(2, TimeSpan.FromDays(1));
        for (var i = 0; i < 4; i++)
        {
            await Storage.ScheduleAsync("q", P("s" + i), T0 + TimeSpan.FromHours(1), Ct);
        }

        Assert.True(await Storage.KillScheduledAsync("q", P("s0"), P("old"), T0 - TimeSpan.FromDays(2), limits, Ct));
        Assert.True(await Storage.KillScheduledAsync("q", P("s1"), P("a"), T0, limits, Ct)); // "old" is past the age limit
        Assert.Equal(["a"], Texts(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct)));
        Assert.True(await Storage.KillScheduledAsync("q", P("s2"), P("b"), T0 + TimeSpan.FromSeconds(1), limits, Ct));
        Assert.True(await Storage.KillScheduledAsync("q", P("s3"), P("c"), T0 + TimeSpan.FromSeconds(2), limits, Ct));

        Assert.Equal(["b", "c"], Texts(await Storage.GetPageAsync("q", PayloadSet.Dead, 0, 10, Ct)));
    }

    [Fact]
    public async Task Racing_kills_of_one_scheduled_job_kill_it_once()
    {
        await Storage.ScheduleAsync("q", P("contested"), T0 + TimeSpan.FromHours(1), Ct);

        var racers = Enumerable.Range(0, 8)
            .Select(i => Storage.KillScheduledAsync("q", P("contested"), P("record-" + i), T0, DeadSetLimits.Default, Ct).AsTask());
        var results = await Task.WhenAll(racers);

        Assert.Single(results, r => r);
        Assert.Equal((0L, 1L), ((await Storage.GetQueueCountsAsync("q", Ct)).Scheduled, (await Storage.GetQueueCountsAsync("q", Ct)).Dead));
    }
}
