using System.Collections.Concurrent;

namespace JobGen.PostgreSql.Tests;

/// <summary>What the end-to-end jobs saw.</summary>
public sealed class PostgreSqlLedger(int expected)
{
    private int _remaining = expected;
    private int _ranTwice;

    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public TaskCompletionSource AllRan { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int RanTwice => _ranTwice;

    public void Ran(string jobId)
    {
        if (!Runs.TryAdd(jobId, 1))
        {
            Interlocked.Increment(ref _ranTwice);
        }
        else if (Interlocked.Decrement(ref _remaining) == 0)
        {
            AllRan.TrySetResult();
        }
    }
}

/// <summary>Jobs compiled by the generator into this test assembly.</summary>
public sealed class PostgreSqlTestJobs(PostgreSqlLedger ledger)
{
    [BackgroundJob("pg.e2e.count", Queue = "e2e")]
    public ValueTask Count(int number, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("pg.receipt", Queue = "mail")]
    public ValueTask SendReceipt(int orderId, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }

    /// <summary>A job whose attribute gives it a priority: ahead of the queue's priority-0 jobs.</summary>
    [BackgroundJob("pg.urgent", Queue = "mail", Priority = -7)]
    public ValueTask SendUrgent(int orderId, JobContext context)
    {
        ledger.Ran(context.JobId);
        return ValueTask.CompletedTask;
    }
}
