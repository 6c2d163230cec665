using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Operator controls: paused queues, clearing ready, removing or running scheduled jobs, process signals.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_paused_queue_is_listed_until_it_is_resumed()
    {
        Assert.Empty(await Storage.GetPausedQueuesAsync(Ct));

        await Storage.SetQueuePausedAsync("mailers", true, Ct);
        await Storage.SetQueuePausedAsync("reports", true, Ct);
        await Storage.SetQueuePausedAsync("mailers", true, Ct); // twice is once

        Assert.Equal(["mailers", "reports"], (await Storage.GetPausedQueuesAsync(Ct)).Order(StringComparer.Ordinal));
        await Storage.SetQueuePausedAsync("mailers", false, Ct);
        Assert.Equal(["reports"], await Storage.GetPausedQueuesAsync(Ct));
        await Storage.SetQueuePausedAsync("never-paused", false, Ct); // resuming a running queue is harmless
        Assert.Equal(["reports"], await Storage.GetPausedQueuesAsync(Ct));
    }

    [Fact]
    public async Task Clearing_a_queue_drops_its_ready_jobs_and_nothing_else()
    {
        await EnqueueAllAsync("q", "leased", "a", "b", "c");
        Assert.Single(await FetchNowAsync("q", 1));
        await Storage.ScheduleAsync("q", P("later"), T0 + TimeSpan.FromHours(1), Ct);
        await EnqueueAllAsync("other", "kept");

        Assert.Equal(3, await Storage.ClearReadyAsync("q", Ct));

        var counts = await Storage.GetQueueCountsAsync("q", Ct);
        Assert.Equal((0L, 1L, 1L), (counts.Ready, counts.InFlight, counts.Scheduled));
        Assert.Null(counts.OldestReady);
        Assert.Equal(["kept"], await DrainAsync("other"));
        Assert.Equal(0, await Storage.ClearReadyAsync("q", Ct));
        await EnqueueAllAsync("q", "after");
        Assert.Equal(["after"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Removing_a_scheduled_job_deletes_it_or_runs_it_first()
    {
        await EnqueueAllAsync("q", "waiting");
        await Storage.ScheduleAsync("q", P("delete-me"), T0 + TimeSpan.FromHours(1), Ct);
        await Storage.ScheduleAsync("q", P("run-me"), T0 + TimeSpan.FromHours(2), Ct);

        Assert.True(await Storage.RemoveScheduledAsync("q", P("delete-me"), runNow: false, Ct));
        Assert.True(await Storage.RemoveScheduledAsync("q", P("run-me"), runNow: true, Ct));

        Assert.False(await Storage.RemoveScheduledAsync("q", P("run-me"), runNow: true, Ct));
        Assert.False(await Storage.RemoveScheduledAsync("q", P("delete-me"), runNow: false, Ct));
        Assert.False(await Storage.RemoveScheduledAsync("nowhere", P("run-me"), runNow: true, Ct));
        Assert.Equal(0, (await Storage.GetQueueCountsAsync("q", Ct)).Scheduled);
        Assert.Equal(["run-me", "waiting"], await DrainAsync("q"));
    }

    [Fact]
    public async Task A_process_signal_is_read_back_until_the_process_is_removed()
    {
        Assert.Equal(ProcessSignal.None, await Storage.GetProcessSignalAsync("w1", Ct));

        await Storage.SignalProcessAsync("w1", ProcessSignal.Quiet, Ct);
        Assert.Equal(ProcessSignal.Quiet, await Storage.GetProcessSignalAsync("w1", Ct));
        Assert.Equal(ProcessSignal.None, await Storage.GetProcessSignalAsync("w2", Ct));
        await Storage.SignalProcessAsync("w1", ProcessSignal.Stop, Ct);
        Assert.Equal(ProcessSignal.Stop, await Storage.GetProcessSignalAsync("w1", Ct));

        await Storage.RemoveProcessAsync("w1", Ct);
        Assert.Equal(ProcessSignal.None, await Storage.GetProcessSignalAsync("w1", Ct));
    }
}
