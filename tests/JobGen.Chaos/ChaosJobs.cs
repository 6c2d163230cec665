using MessagePack;

namespace JobGen.Chaos;

/// <summary>
/// The jobs the chaos driver and the reliability tests enqueue. Every body records its run in the
/// <see cref="ChaosLedger"/> (in Redis, outside JobGen's keys), which is what the driver counts.
/// </summary>
public sealed class ChaosJobs(ChaosLedger ledger)
{
    /// <summary>The crash test's job: works <paramref name="workMs"/> (so kills land while jobs run), then records one run of job number <paramref name="n"/>.</summary>
    [BackgroundJob("chaos.record")]
    public async Task Record(int n, int workMs, CancellationToken cancellationToken)
    {
        await ledger.RecordStartAsync(n, cancellationToken).ConfigureAwait(false);
        if (workMs > 0)
        {
            await Task.Delay(workMs, cancellationToken).ConfigureAwait(false);
        }

        await ledger.RecordRunAsync(n, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Works <paramref name="firstMs"/> on its first start and <paramref name="laterMs"/> on any later one (cancellable),
    /// then records its run: keeps jobs in flight for shutdown tests without making their re-runs slow.
    /// </summary>
    [BackgroundJob("chaos.slow")]
    public async Task Slow(int n, int firstMs, int laterMs, CancellationToken cancellationToken)
    {
        var starts = await ledger.RecordStartAsync(n, cancellationToken).ConfigureAwait(false);
        await Task.Delay(starts == 1 ? firstMs : laterMs, cancellationToken).ConfigureAwait(false);
        await ledger.RecordRunAsync(n, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Always throws after recording its run: must die after 3 attempts with this exception.</summary>
    [BackgroundJob("chaos.poison", MaxAttempts = 3)]
    public async Task Poison(int n, JobContext context, CancellationToken cancellationToken)
    {
        await ledger.RecordRunAsync(n, cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException($"poison job {n} failed on attempt {context.Attempt}");
    }

    /// <summary>
    /// Hangs on its first attempt until its 1 s timeout cancels the token (recorded), then succeeds on the retry.
    /// </summary>
    [BackgroundJob("chaos.timeout", TimeoutSeconds = 1, MaxAttempts = 3)]
    public async Task HangOnce(int n, JobContext context, CancellationToken cancellationToken)
    {
        await ledger.RecordStartAsync(n, cancellationToken).ConfigureAwait(false);
        if (context.Attempt == 1)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                await ledger.RecordCancelAsync(n, CancellationToken.None).ConfigureAwait(false);
                throw;
            }
        }

        await ledger.RecordRunAsync(n, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Takes a recursive argument: the target of nesting-bomb payloads.</summary>
    [BackgroundJob("chaos.tree")]
    public Task Tree(int n, ChaosTree tree, CancellationToken cancellationToken) => ledger.RecordRunAsync(n, cancellationToken);
}

/// <summary>A recursive argument type.</summary>
[MessagePackObject]
public sealed class ChaosTree
{
    /// <summary>A label.</summary>
    [Key(0)]
    public string Name { get; set; } = "";

    /// <summary>The next node, if any.</summary>
    [Key(1)]
    public ChaosTree? Next { get; set; }
}
