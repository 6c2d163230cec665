using JobGen.Chaos;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// SIGTERM to a worker process with 50 jobs running and 10,000 queued: it exits within its shutdown deadline,
/// holds nothing afterwards (running jobs finished or returned, prefetched ones returned), and a restarted worker
/// runs every job exactly once.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class GracefulShutdownTests
{
    private const int Running = 50, Queued = 10_000;
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Sigterm_under_load_exits_within_the_deadline_and_loses_nothing()
    {
        await using var env = await ChaosEnvironment.StartAsync(s => s with { Concurrency = Running, ShutdownTimeout = ShutdownTimeout });
        var requests = new List<JobRequest>(Running + Queued);
        for (var n = 0; n < Running; n++)
        {
            // Half finish inside the deadline, half outlast it and must be cancelled and returned.
            requests.Add(JobGenChaosJobs.CreateSlowRequest(n, firstMs: n % 2 == 0 ? 1_500 : 120_000, laterMs: 0));
        }

        for (var n = Running; n < Running + Queued; n++)
        {
            requests.Add(JobGenChaosJobs.CreateSlowRequest(n, firstMs: 0, laterMs: 0));
        }

        await env.Client.EnqueueManyAsync(requests, TestContext.Current.CancellationToken);
        var worker = await env.StartWorkerAsync();
        await env.WaitUntilAsync(async () => await env.Ledger.CountStartedAsync() >= Running, TimeSpan.FromSeconds(30), $"{Running} jobs are running");

        var exitedAfter = await worker.TerminateAsync(ShutdownTimeout + TimeSpan.FromSeconds(15));

        var counts = await env.Storage.GetQueueCountsAsync(JobDefaults.Queue, TestContext.Current.CancellationToken);
        var executed = await env.Ledger.CountExecutedAsync();
        ChaosEnvironment.Log($"exited after {exitedAfter?.TotalSeconds:F2} s with {(worker.HasExited ? worker.ExitCode : -1)}; executed={executed} ready={counts.Ready} inflight={counts.InFlight} scheduled={counts.Scheduled}");
        Assert.NotNull(exitedAfter);
        // The 5 s drain deadline, then cancel, return what is held and exit: bounded with room for a loaded CI machine.
        Assert.InRange(exitedAfter.Value, TimeSpan.Zero, ShutdownTimeout + TimeSpan.FromSeconds(5));
        Assert.Equal(0, worker.ExitCode);
        Assert.Equal(0, counts.InFlight); // nothing left leased to the stopped worker
        Assert.Equal(Running + Queued, executed + counts.Ready + counts.Scheduled);
        Assert.True(executed >= Running / 2, "the jobs that fit in the deadline finished");

        await env.StartWorkerAsync();
        await env.WaitUntilAsync(async () => await env.Ledger.CountExecutedAsync() == Running + Queued, TimeSpan.FromSeconds(90), "every job ran after the restart");
        Assert.Equal(Running + Queued, await env.Ledger.CountRunsAsync()); // exactly once each
    }
}
