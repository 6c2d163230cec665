using JobGen.Storage;

namespace JobGen.Storage.Testing;

// What a heartbeat tells the operator: when it came and the jobs running on the process then.
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task A_heartbeat_keeps_its_time_and_the_jobs_running_then()
    {
        var ttl = TimeSpan.FromSeconds(60);
        RunningJob[] running =
        [
            new("job-1", "emails.welcome", "mailers", T0 - TimeSpan.FromSeconds(5)),
            new("job-2", "reports.nightly", "reports", T0 - TimeSpan.FromSeconds(1)),
        ];
        await Storage.HeartbeatAsync(new ProcessInfo("w1", "h", 1, ["mailers", "reports"], 5, 2, T0, "1") { Running = running }, ttl, T0, Ct);

        var listed = Assert.Single(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(1), Ct));
        Assert.Equal(T0, listed.LastHeartbeatAt);
        Assert.Equal(running, listed.Running);

        // The next heartbeat replaces both.
        await Storage.HeartbeatAsync(new ProcessInfo("w1", "h", 1, ["mailers", "reports"], 5, 0, T0, "1"), ttl, T0 + TimeSpan.FromSeconds(5), Ct);
        listed = Assert.Single(await Storage.GetProcessesAsync(T0 + TimeSpan.FromSeconds(6), Ct));
        Assert.Equal(T0 + TimeSpan.FromSeconds(5), listed.LastHeartbeatAt);
        Assert.Empty(listed.Running);
    }

    [Fact]
    public async Task A_heartbeat_keeps_at_most_the_reported_maximum_of_running_jobs()
    {
        var running = Enumerable.Range(0, ProcessInfo.MaxRunningReported + 20)
            .Select(i => new RunningJob("job-" + i, "j", "q", T0 + TimeSpan.FromMilliseconds(i)))
            .ToArray();
        await Storage.HeartbeatAsync(new ProcessInfo("w1", "h", 1, ["q"], 500, running.Length, T0, "1") { Running = running }, TimeSpan.FromSeconds(60), T0, Ct);

        var listed = Assert.Single(await Storage.GetProcessesAsync(T0, Ct));
        Assert.Equal(running.Take(ProcessInfo.MaxRunningReported), listed.Running);
        Assert.Equal(running.Length, listed.Busy);
    }
}
