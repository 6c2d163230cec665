using System.Collections.Concurrent;

namespace JobGen.Telemetry.Tests;

/// <summary>Runs of the test jobs by job id, so a test can wait for the runs it caused.</summary>
public sealed class RunLedger
{
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public void Ran(string jobId) => Runs.AddOrUpdate(jobId, 1, (_, n) => n + 1);

    public int Count(string jobId) => Runs.TryGetValue(jobId, out var n) ? n : 0;
}

/// <summary>Jobs compiled by the generator into this assembly.</summary>
public sealed class TelemetryTestJobs(RunLedger ledger)
{
    [BackgroundJob("tel.ok", Queue = "tel")]
    public ValueTask Succeed(int n, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("tel.fail", Queue = "tel", MaxAttempts = 2)]
    public ValueTask Fail(string why, JobContext context)
    {
        ledger.Ran(context.JobId);
        throw new InvalidOperationException(why);
    }

    [BackgroundJob("tel.parked", Queue = "parked")]
    public ValueTask Parked(int n, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Retries at once, so a test sees both attempts of a failing job quickly.</summary>
public sealed class ImmediateRetryPolicy : IRetryPolicy
{
    public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => TimeSpan.Zero;
}

/// <summary>Bounded waiting for a condition (real time; no assertion on how long it took).</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for " + what);
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
