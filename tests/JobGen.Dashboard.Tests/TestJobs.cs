using System.Collections.Concurrent;

namespace JobGen.Dashboard.Tests;

/// <summary>What the test jobs did, so a test can wait for a run it caused from the dashboard.</summary>
public sealed class JobLedger
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waits = new();

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    /// <summary>Job ids of <c>dash.flaky</c> that fail (and die: it has one attempt).</summary>
    public ConcurrentDictionary<string, bool> Failing { get; } = new();

    public void Ran(string jobId)
    {
        Runs.AddOrUpdate(jobId, 1, (_, n) => n + 1);
        Wait(jobId).TrySetResult();
    }

    /// <summary>Holds every <c>dash.slow</c> run until set: jobs that are running while a test looks.</summary>
    public TaskCompletionSource Hold { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Wait(string jobId) => _waits.GetOrAdd(jobId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}

/// <summary>Jobs compiled by the generator into this assembly: the catalog the dashboard shows.</summary>
public sealed class DashboardTestJobs(JobLedger ledger)
{
    [BackgroundJob("dash.email", Queue = "mail", MaxAttempts = 5)]
    public ValueTask SendEmail(int userId, string subject, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("dash.flaky", Queue = "mail", MaxAttempts = 1)]
    public ValueTask Flaky(string why, JobContext context)
    {
        if (ledger.Failing.TryRemove(context.JobId, out _))
        {
            throw new InvalidOperationException(why);
        }

        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("dash.report", Queue = "reports", TimeoutSeconds = 120)]
    public ValueTask BuildReport(Guid reportId, DateTimeOffset from, TimeSpan span, string[] tags, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("dash.slow", Queue = "reports")]
    public async ValueTask Slow(string what, JobContext context, CancellationToken cancellationToken)
    {
        await ledger.Hold.Task.WaitAsync(cancellationToken);
        ledger.Ran(context.JobId);
    }
}
