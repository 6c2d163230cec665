using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Recurring schedules: definitions by name, and the atomic "claim tick T and enqueue, only if later than the last
// claimed tick" that makes each tick one job however many schedulers race.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Saved_schedules_are_listed_with_their_queue_and_definition_and_no_last_tick()
    {
        await Storage.SaveScheduleAsync(new StoredSchedule("nightly", "reports", P("def-1")), Ct);
        await Storage.SaveScheduleAsync(new StoredSchedule("hourly", "default", P("def-2")), Ct);
        await Storage.SaveScheduleAsync(new StoredSchedule("nightly", "reports", P("def-1b")), Ct);

        var all = (await Storage.GetSchedulesAsync(Ct)).OrderBy(s => s.Name, StringComparer.Ordinal).ToArray();

        Assert.Equal(
            [("hourly", "default", "def-2", (DateTimeOffset?)null), ("nightly", "reports", "def-1b", null)],
            all.Select(s => (s.Name, s.Queue, Text(s.Definition), s.LastTick)));
    }

    [Fact]
    public async Task Removing_a_schedule_drops_it_and_says_whether_it_was_there()
    {
        await Storage.SaveScheduleAsync(new StoredSchedule("nightly", "q", P("def")), Ct);

        Assert.True(await Storage.RemoveScheduleAsync("nightly", Ct));
        Assert.False(await Storage.RemoveScheduleAsync("nightly", Ct));
        Assert.Empty(await Storage.GetSchedulesAsync(Ct));
    }

    [Fact]
    public async Task A_tick_is_claimed_once_and_its_payload_enqueued_once()
    {
        await Storage.SaveScheduleAsync(new StoredSchedule("s", "q", P("def")), Ct);

        Assert.True(await Storage.ClaimTickAsync("s", "q", T0, P("tick-0"), Ct));
        Assert.False(await Storage.ClaimTickAsync("s", "q", T0, P("tick-0-again"), Ct));
        Assert.False(await Storage.ClaimTickAsync("s", "q", T0 - TimeSpan.FromSeconds(1), P("earlier"), Ct));
        Assert.True(await Storage.ClaimTickAsync("s", "q", T0 + TimeSpan.FromSeconds(1), P("tick-1"), Ct));

        Assert.Equal(["tick-0", "tick-1"], await DrainAsync("q"));
        Assert.Equal(T0 + TimeSpan.FromSeconds(1), Assert.Single(await Storage.GetSchedulesAsync(Ct)).LastTick);
    }

    [Fact]
    public async Task Many_schedulers_racing_for_the_same_ticks_enqueue_each_tick_exactly_once()
    {
        const int racers = 8, ticks = 20;
        var wins = new int[ticks];
        var tasks = Enumerable.Range(0, racers).Select(r => Task.Run(async () =>
        {
            for (var t = 0; t < ticks; t++)
            {
                if (await Storage.ClaimTickAsync("s", "q", T0 + TimeSpan.FromSeconds(t), P($"tick-{t}"), Ct))
                {
                    Interlocked.Increment(ref wins[t]);
                }
            }
        }, Ct));
        await Task.WhenAll(tasks);

        Assert.All(wins, w => Assert.Equal(1, w));
        Assert.Equal(Enumerable.Range(0, ticks).Select(t => $"tick-{t}").Order(StringComparer.Ordinal), (await DrainAsync("q")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Saving_a_schedule_again_keeps_its_last_tick_even_on_another_queue()
    {
        await Storage.SaveScheduleAsync(new StoredSchedule("s", "q1", P("def")), Ct);
        Assert.True(await Storage.ClaimTickAsync("s", "q1", T0, P("tick-0"), Ct));

        await Storage.SaveScheduleAsync(new StoredSchedule("s", "q1", P("def-changed")), Ct);
        Assert.Equal(T0, Assert.Single(await Storage.GetSchedulesAsync(Ct)).LastTick);

        await Storage.SaveScheduleAsync(new StoredSchedule("s", "q2", P("def-moved")), Ct);
        Assert.Equal(("q2", (DateTimeOffset?)T0), Assert.Single(await Storage.GetSchedulesAsync(Ct)) is var s ? (s.Queue, s.LastTick) : default);
        Assert.False(await Storage.ClaimTickAsync("s", "q2", T0, P("tick-0-again"), Ct));
        Assert.True(await Storage.ClaimTickAsync("s", "q2", T0 + TimeSpan.FromMinutes(1), P("tick-1"), Ct));
        Assert.Equal(["tick-1"], await DrainAsync("q2"));
    }

    [Fact]
    public async Task Schedules_claim_independently_and_a_removed_schedule_forgets_its_last_tick()
    {
        await Storage.SaveScheduleAsync(new StoredSchedule("a", "q", P("def")), Ct);
        await Storage.SaveScheduleAsync(new StoredSchedule("b", "q", P("def")), Ct);
        Assert.True(await Storage.ClaimTickAsync("a", "q", T0, P("a-0"), Ct));
        Assert.True(await Storage.ClaimTickAsync("b", "q", T0, P("b-0"), Ct));

        await Storage.RemoveScheduleAsync("a", Ct);
        await Storage.SaveScheduleAsync(new StoredSchedule("a", "q", P("def")), Ct);

        Assert.Null(Assert.Single(await Storage.GetSchedulesAsync(Ct), s => s.Name == "a").LastTick);
        Assert.Equal(T0, Assert.Single(await Storage.GetSchedulesAsync(Ct), s => s.Name == "b").LastTick);
        Assert.Equal(["a-0", "b-0"], await DrainAsync("q"));
    }
}
