using System.Collections.Concurrent;

namespace JobGen.Testing.Tests;

/// <summary>What the test jobs did, one line per run (a singleton in each test's services).</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public void Write(string line) => _lines.Enqueue(line);
}

/// <summary>Jobs of this test assembly: the generator emits their enqueue methods and (this project references JobGen.Testing) their assertions.</summary>
public sealed class OrderJobs(Journal journal, IJobClient jobs)
{
    [BackgroundJob("orders.charge", Queue = "payments", MaxAttempts = 5)]
    public async Task ChargeOrder(int orderId, decimal amount, CancellationToken cancellationToken)
    {
        journal.Write($"charged {orderId} {amount}");
        await jobs.EnqueueSendReceiptAsync(orderId, ["a@example.com", "b@example.com"], cancellationToken: cancellationToken);
    }

    [BackgroundJob("orders.receipt", Queue = "mailers")]
    public Task SendReceipt(int orderId, string[] recipients, CancellationToken cancellationToken)
    {
        journal.Write($"receipt {orderId} to {string.Join(",", recipients)}");
        return Task.CompletedTask;
    }

    [BackgroundJob("orders.note")]
    public Task AddNote(string text, string? author = null)
    {
        journal.Write($"note {text} by {author}");
        return Task.CompletedTask;
    }

    [BackgroundJob("orders.fail", MaxAttempts = 3)]
    public Task FailUntil(int succeedOnAttempt, JobContext context)
    {
        journal.Write($"attempt {context.Attempt}");
        return context.Attempt < succeedOnAttempt ? throw new InvalidOperationException($"attempt {context.Attempt} fails") : Task.CompletedTask;
    }

    [BackgroundJob("orders.forever")]
    public async Task EnqueueItself(int round, CancellationToken cancellationToken) =>
        await jobs.EnqueueEnqueueItselfAsync(round + 1, cancellationToken: cancellationToken);

    [BackgroundJob("orders.ping")]
    public static void Ping()
    {
    }
}
