using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Worker;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests.Recurring;

/// <summary>Off-peak windows: a windowed queue is fetched from only inside its window (fake clock).</summary>
public sealed class QueueWindowTests
{
    // 20:00 UTC = 21:00 in Paris (CET): outside "01:00-05:00 Europe/Paris", which opens at 00:00 UTC.
    private static readonly DateTimeOffset Evening = new(2026, 1, 15, 20, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Jobs_of_a_windowed_queue_wait_outside_the_window_and_run_inside_it()
    {
        var ran = new ConcurrentQueue<(string Queue, DateTimeOffset At)>();
        var time = new FakeTimeProvider(Evening);
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("work", run => ran.Enqueue((run.Envelope.Queue, time.GetUtcNow()))),
            o =>
            {
                o.Worker.Queues = ["reports", JobDefaults.Queue];
                o.Worker.QueueWindows["reports"] = "01:00-05:00 Europe/Paris";
            },
            time);
        var ct = TestContext.Current.CancellationToken;
        await h.Client.EnqueueAsync(TestDispatcher.Request("work", "heavy", queue: "reports"), cancellationToken: ct);
        await h.Client.EnqueueAsync(TestDispatcher.Request("work", "light"), cancellationToken: ct);

        await h.StartAsync();
        await h.UntilAsync(() => !ran.IsEmpty && h.Count().InFlight == 0, what: "the unwindowed job, acked"); // before the clock jumps past its lease
        for (var i = 0; i < 20; i++)
        {
            time.Advance(TimeSpan.FromMinutes(10)); // up to 23:20 UTC, 00:20 in Paris: still closed
            await Task.Delay(10, ct);
        }

        Assert.Equal([JobDefaults.Queue], ran.Select(r => r.Queue));
        Assert.Equal((1, 0), (h.Count("reports").Ready, h.Count("reports").InFlight)); // waiting, not lost

        await h.UntilAsync(() => ran.Count == 2, TimeSpan.FromMinutes(1), "the windowed job");
        var (queue, at) = ran.Last();
        Assert.Equal("reports", queue);
        Assert.InRange(at, new DateTimeOffset(2026, 1, 16, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 16, 4, 0, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("01:00-05:00 Europe/Paris", "2026-01-16T00:00:00Z", true)]   // 01:00 Paris: start is inclusive
    [InlineData("01:00-05:00 Europe/Paris", "2026-01-16T04:00:00Z", false)]  // 05:00 Paris: end is exclusive
    [InlineData("01:00-05:00 Europe/Paris", "2026-07-16T00:30:00Z", true)]   // 02:30 Paris in summer (UTC+2)
    [InlineData("22:00-06:00", "2026-01-16T23:30:00Z", true)]                // crosses midnight, UTC by default
    [InlineData("22:00-06:00", "2026-01-16T05:59:00Z", true)]
    [InlineData("22:00-06:00", "2026-01-16T12:00:00Z", false)]
    public void A_window_is_open_between_its_start_and_end_in_its_zone(string window, string now, bool open)
    {
        var windows = QueueWindows.Parse(new Dictionary<string, string> { ["q"] = window });

        Assert.Equal(open ? ["other", "q"] : ["other"], windows.Open(["other", "q"], DateTimeOffset.Parse(now)));
    }

    [Theory]
    [InlineData("1-5", "must be \"HH:mm-HH:mm\"")]
    [InlineData("01:00-01:00", "must be \"HH:mm-HH:mm\"")]
    [InlineData("01:00-05:00 Mars/Base", "'Mars/Base'")]
    public void A_bad_window_fails_validation_at_start_with_the_queue_and_the_reason(string window, string reason)
    {
        var options = new JobGenOptions();
        options.Worker.QueueWindows["reports"] = window;

        var result = new JobGenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("JobGen:Worker:QueueWindows", result.FailureMessage);
        Assert.Contains("'reports'", result.FailureMessage);
        Assert.Contains(reason, result.FailureMessage);
    }
}
