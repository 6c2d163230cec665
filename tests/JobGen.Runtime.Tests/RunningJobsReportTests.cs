using JobGen.Runtime.Tests.Support;
using JobGen.Storage;

namespace JobGen.Runtime.Tests;

/// <summary>The heartbeat reports the jobs running on the process now, with their start times, and forgets them when they end.</summary>
public sealed class RunningJobsReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_heartbeat_lists_the_running_jobs_then_none_once_they_finish()
    {
        var started = new Countdown(2);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dispatcher = new TestDispatcher().Add("block", async _ =>
        {
            started.Hit();
            await gate.Task;
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 3;
            o.Worker.HeartbeatInterval = TimeSpan.FromMilliseconds(50);
        });
        var before = DateTimeOffset.UtcNow;
        var ids = await h.Client.EnqueueManyAsync([TestDispatcher.Request("block", "a"), TestDispatcher.Request("block", "b")], Ct);
        await h.StartAsync();
        await started.WaitAsync();

        await h.UntilAsync(() => Process(h)?.Running.Count == 2, what: "a heartbeat with both running jobs");
        var process = Process(h)!;
        Assert.Equal(ids.Order(StringComparer.Ordinal), process.Running.Select(r => r.JobId).Order(StringComparer.Ordinal));
        Assert.All(process.Running, r => Assert.Equal(("block", JobDefaults.Queue), (r.Job, r.Queue)));
        Assert.All(process.Running, r => Assert.InRange(r.StartedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow));
        Assert.NotNull(process.LastHeartbeatAt);

        gate.SetResult();
        await h.UntilAsync(() => Process(h) is { Running.Count: 0, Busy: 0 }, what: "a heartbeat after both finished");
    }

    private static ProcessInfo? Process(WorkerHarness h) => h.Monitor.GetProcessesAsync().AsTask().Result.SingleOrDefault();
}
