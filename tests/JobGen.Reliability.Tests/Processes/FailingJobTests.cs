using JobGen.Chaos;
using JobGen.Storage;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>Jobs that fail or hang, run by a real worker process (retry delay 200 ms instead of the 15 s+ backoff).</summary>
[Collection(ProcessTestCollection.Name)]
public sealed class FailingJobTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_poison_job_is_dead_after_MaxAttempts_with_its_last_exception()
    {
        await using var env = await ChaosEnvironment.StartAsync();
        await env.Client.EnqueuePoisonAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        await env.Client.EnqueueRecordAsync(2, 0, cancellationToken: TestContext.Current.CancellationToken);
        var worker = await env.StartWorkerAsync();

        await env.WaitUntilAsync(async () => (await env.ReadDeadAsync()).Count == 1 && await env.Ledger.CountExecutedAsync() == 2, Timeout, "the poison job is dead and the good one ran");

        var dead = Assert.Single(await env.ReadDeadAsync());
        ChaosEnvironment.Log($"{dead.Reason}: {dead.ExceptionType}: {dead.Message}");
        Assert.Equal(DeathReason.AttemptsExhausted, dead.Reason);
        Assert.Equal("chaos.poison", dead.Job);
        Assert.Equal(typeof(InvalidOperationException).FullName, dead.ExceptionType);
        Assert.Contains("poison job 1 failed on attempt 3", dead.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(dead.StackTrace));
        Assert.Equal(3, (await env.Ledger.ReadCountsAsync(LedgerCounter.Runs))[1]);
        Assert.False(worker.HasExited);
    }

    [Fact]
    public async Task A_job_over_its_timeout_is_cancelled_through_its_token_and_retried()
    {
        await using var env = await ChaosEnvironment.StartAsync();
        await env.Client.EnqueueHangOnceAsync(1, cancellationToken: TestContext.Current.CancellationToken);
        await env.StartWorkerAsync();

        await env.WaitUntilAsync(async () => await env.Ledger.CountExecutedAsync() == 1, Timeout, "the hanging job ran on its retry");

        Assert.Equal(1, (await env.Ledger.ReadCountsAsync(LedgerCounter.Cancels))[1]); // the first run saw its token cancelled
        Assert.Equal(2, (await env.Ledger.ReadCountsAsync(LedgerCounter.Starts))[1]);  // and was retried once
        Assert.Equal(1, (await env.Ledger.ReadCountsAsync(LedgerCounter.Runs))[1]);
        Assert.Empty(await env.ReadDeadAsync());
    }
}
