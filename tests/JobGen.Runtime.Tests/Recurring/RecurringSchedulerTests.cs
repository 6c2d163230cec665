using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests.Recurring;

/// <summary>The worker's scheduler on the in-memory storage and a fake clock: ticks become jobs, once each.</summary>
public sealed class RecurringSchedulerTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 15, 10, 0, 30, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_tick_of_a_schedule_declared_in_code_runs_once_and_knows_its_schedule_and_tick()
    {
        var runs = new ConcurrentQueue<(string? Schedule, DateTimeOffset? Tick, JobKind Kind)>();
        var jobs = new TestDispatcher().Add("report", run =>
        {
            var context = new JobContext(run.Envelope);
            runs.Enqueue((context.ScheduleName, context.TickTime, run.Envelope.Kind));
        });
        await using var h = WorkerHarness.Create(jobs, time: new FakeTimeProvider(Start),
            build: b => b.AddRecurring("every-minute", "* * * * *", TestDispatcher.Request("report", "x")));

        await h.StartAsync();
        await h.UntilAsync(() => runs.Count >= 3, TimeSpan.FromSeconds(5), "three ticks");

        var first = runs.Take(3).ToArray();
        Assert.Equal(
            [("every-minute", Start.AddSeconds(30), JobKind.Recurring), ("every-minute", Start.AddSeconds(90), JobKind.Recurring), ("every-minute", Start.AddSeconds(150), JobKind.Recurring)],
            first.Select(r => (r.Schedule, r.Tick, r.Kind)));
    }

    [Fact]
    public async Task Two_workers_on_one_storage_enqueue_each_tick_once()
    {
        var storage = new InMemoryJobStorage();
        var time = new FakeTimeProvider(Start);
        var ticks = new ConcurrentQueue<DateTimeOffset>();
        TestDispatcher Jobs() => new TestDispatcher().Add("sync", run => ticks.Enqueue(new JobContext(run.Envelope).TickTime!.Value));
        void Build(JobGenBuilder b) => b.UseStorage(_ => storage).AddRecurring("sync", "*/10 * * * * *", TestDispatcher.Request("sync", "x"));
        await using var a = WorkerHarness.Create(Jobs(), time: time, build: Build);
        await using var b = WorkerHarness.Create(Jobs(), time: time, build: Build);

        await a.StartAsync();
        await b.StartAsync();
        await a.UntilAsync(() => ticks.Count >= 6, TimeSpan.FromSeconds(1), "six ticks");
        await Task.Delay(100, Ct); // let a duplicate, if any, arrive

        var seen = ticks.ToArray();
        Assert.Equal(seen.Length, seen.Distinct().Count());
        var ordered = seen.Order().ToArray();
        for (var i = 1; i < ordered.Length; i++)
        {
            Assert.Equal(TimeSpan.FromSeconds(10), ordered[i] - ordered[i - 1]); // no gap, no duplicate
        }
    }

    [Fact]
    public async Task A_stored_schedule_that_does_not_parse_is_skipped_and_the_others_keep_firing()
    {
        var runs = new ConcurrentQueue<string>();
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryJobStorage();
        var newer = new ScheduleDefinition("*/5 * * * * * * *", "UTC", MissedTicks.RunOnce, "job", new byte[] { 0x90 }, 1, null, false, Start, Start);
        await storage.SaveScheduleAsync(new StoredSchedule("bad-cron", JobDefaults.Queue, newer.Encode()), Ct);
        await storage.SaveScheduleAsync(new StoredSchedule("bad-bytes", JobDefaults.Queue, new byte[] { 0xc1, 0x00 }), Ct);
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("job", run => runs.Enqueue(new JobContext(run.Envelope).ScheduleName!)), time: time,
            build: b => b.UseStorage(_ => storage).AddRecurring("good", "* * * * *", TestDispatcher.Request("job", "x")));

        await h.StartAsync();
        await h.UntilAsync(() => runs.Count >= 2, TimeSpan.FromSeconds(10), "two ticks of the good schedule");

        Assert.All(runs, name => Assert.Equal("good", name));
        var listed = await new RecurringJobClient(storage, time).GetAllAsync(Ct);
        Assert.Contains("does not decode", listed.Single(s => s.Name == "bad-bytes").Error);
        Assert.Contains("8 fields", listed.Single(s => s.Name == "bad-cron").Error);
    }

    [Fact]
    public async Task A_schedule_no_longer_declared_in_code_is_kept_during_the_grace_then_removed()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryJobStorage();
        var request = TestDispatcher.Request("job", "x");
        var recent = ScheduleDefinition.From(new RecurringSchedule("recent", "0 * * * *", request), declared: true, Start - TimeSpan.FromMinutes(10));
        var old = ScheduleDefinition.From(new RecurringSchedule("old", "0 * * * *", request), declared: true, Start - TimeSpan.FromHours(2));
        var runtime = ScheduleDefinition.From(new RecurringSchedule("added-at-run-time", "0 * * * *", request), declared: false, Start - TimeSpan.FromDays(30));
        await storage.SaveScheduleAsync(new StoredSchedule("recent", JobDefaults.Queue, recent.Encode()), Ct);
        await storage.SaveScheduleAsync(new StoredSchedule("old", JobDefaults.Queue, old.Encode()), Ct);
        await storage.SaveScheduleAsync(new StoredSchedule("added-at-run-time", JobDefaults.Queue, runtime.Encode()), Ct);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("job", _ => { }), time: time, build: b => b.UseStorage(_ => storage));

        await h.StartAsync();
        Assert.Equal(["added-at-run-time", "recent"], await NamesWhenAsync(storage, h, 2, TimeSpan.Zero));
        Assert.Equal(["added-at-run-time"], await NamesWhenAsync(storage, h, 1, TimeSpan.FromMinutes(5)));
        Assert.True(h.Fake.GetUtcNow() - Start >= TimeSpan.FromMinutes(50)); // not before the grace (1 hour since declared)
    }

    [Fact]
    public async Task The_client_refuses_bad_input_stores_nothing_and_adds_removes_and_triggers()
    {
        var time = new FakeTimeProvider(Start);
        var storage = new InMemoryJobStorage();
        var client = new RecurringJobClient(storage, time);
        var request = TestDispatcher.Request("job", "x");

        var cron = await Assert.ThrowsAsync<ArgumentException>(async () => await client.AddOrUpdateAsync("n", "0 3 * *", request, cancellationToken: Ct));
        Assert.Contains("'0 3 * *'", cron.Message);
        var zone = await Assert.ThrowsAsync<ArgumentException>(async () => await client.AddOrUpdateAsync("n", "0 3 * * *", request, o => o.TimeZone = "Europe/Nowhere", Ct));
        Assert.Contains("'Europe/Nowhere'", zone.Message);
        Assert.Empty(await storage.GetSchedulesAsync(Ct));

        await client.AddOrUpdateAsync("n", "0 3 * * *", request, o => { o.TimeZone = "Europe/Paris"; o.Queue = "reports"; o.MissedTicks = MissedTicks.Skip; }, Ct);
        var info = Assert.Single(await client.GetAllAsync(Ct));
        Assert.Equal(("0 3 * * *", "Europe/Paris", "reports", "job", MissedTicks.Skip, false, (DateTimeOffset?)new DateTimeOffset(2026, 1, 16, 2, 0, 0, TimeSpan.Zero), (string?)null),
            (info.Cron, info.TimeZone, info.Queue, info.Job, info.MissedTicks, info.Declared, info.NextTick, info.Error));

        var id = await client.TriggerAsync("n", Ct);
        var fetched = Assert.Single(await storage.FetchAsync(["reports"], 10, Start.AddMinutes(1), TimeSpan.Zero, Ct));
        var envelope = EnvelopeSerializer.Deserialize(fetched.Payload);
        Assert.Equal((id, "n", Start), (envelope.Id, envelope.Headers[RecurringHeaders.Schedule], new JobContext(envelope).TickTime));
        Assert.Null(await client.TriggerAsync("missing", Ct));

        Assert.True(await client.RemoveAsync("n", Ct));
        Assert.Empty(await client.GetAllAsync(Ct));
    }

    [Fact]
    public void AddRecurring_refuses_an_invalid_schedule_when_the_app_is_built()
    {
        var services = new ServiceCollection();
        var ex = Assert.Throws<ArgumentException>(() => services.AddJobGen().AddRecurring("nightly", "0 3 * * *", TestDispatcher.Request("job", "x"), o => o.TimeZone = "Paris"));
        Assert.Contains("'Paris'", ex.Message);
    }

    // Waits (bounded) until the storage holds `count` schedules, advancing the fake clock by `step` each round.
    private static async Task<List<string>> NamesWhenAsync(InMemoryJobStorage storage, WorkerHarness h, int count, TimeSpan step)
    {
        for (var round = 0; round < 3000; round++)
        {
            var names = (await storage.GetSchedulesAsync(Ct)).Select(s => s.Name).Order(StringComparer.Ordinal).ToList();
            if (names.Count == count)
            {
                return names;
            }

            h.Fake.Advance(step);
            await Task.Delay(5, Ct);
        }

        Assert.Fail($"the storage never held {count} schedules");
        return [];
    }
}
