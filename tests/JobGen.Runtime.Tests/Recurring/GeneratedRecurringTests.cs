using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests.Recurring;

/// <summary>The attribute form end to end: the real generator lists the schedule, the worker registers and runs it.</summary>
public sealed class GeneratedRecurringTests
{
    [Fact]
    public void The_generated_dispatcher_lists_the_attribute_schedule_with_its_settings()
    {
        var schedule = Assert.Single(JobGenRuntimeTestsJobs.Dispatcher.RecurringSchedules);

        Assert.Equal(("tests.generated-tick", "*/5 * * * * *", "Europe/Paris", GeneratedTickJobs.Queue, MissedTicks.Skip, "tests.generated-tick"),
            (schedule.Name, schedule.Cron, schedule.TimeZone, schedule.Queue, schedule.MissedTicks, schedule.Request.Job));
    }

    [Fact]
    public async Task A_worker_registers_the_attribute_schedule_at_start_and_runs_its_ticks_with_the_default_arguments()
    {
        var start = new DateTimeOffset(2026, 1, 15, 10, 0, 1, TimeSpan.Zero);
        var recorder = new GeneratedTickRecorder();
        await using var h = WorkerHarness.Create(
            new TestDispatcher(),
            o => o.Worker.Queues = [GeneratedTickJobs.Queue],
            new FakeTimeProvider(start),
            services: s => s.AddSingleton(recorder).AddJobGenRuntimeTestsJobs());

        await h.StartAsync();
        await h.UntilAsync(() => recorder.Ticks.Count >= 2, TimeSpan.FromSeconds(1), "two ticks");

        // Ticks run as ordinary jobs, several at once, so they finish in any order; each is a 5-second boundary after
        // the start (the schedule's), runs with the parameter's default, and no tick runs twice.
        var ticks = recorder.Ticks.ToArray();
        Assert.All(ticks, t => Assert.Equal(3, t.Times));
        Assert.All(ticks, t => Assert.True(t.Tick > start && t.Tick.Second % 5 == 0 && t.Tick.Millisecond == 0, $"tick {t.Tick:O}"));
        Assert.Equal(ticks.Length, ticks.Select(t => t.Tick).Distinct().Count());
    }
}

public sealed class GeneratedTickRecorder
{
    public ConcurrentQueue<(DateTimeOffset Tick, int Times)> Ticks { get; } = new();
}

/// <summary>A recurring job compiled by the real generator (its queue is worked only by the test above).</summary>
public sealed class GeneratedTickJobs(GeneratedTickRecorder recorder)
{
    public const string Queue = "generated-ticks";

    [BackgroundJob("tests.generated-tick", Queue = Queue)]
    [Recurring("*/5 * * * * *", TimeZone = "Europe/Paris", MissedTicks = MissedTicks.Skip)]
    public void Tick(JobContext context, int times = 3) => recorder.Ticks.Enqueue((context.TickTime!.Value, times));
}
