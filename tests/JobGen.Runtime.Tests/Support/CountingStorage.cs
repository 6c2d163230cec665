using JobGen.Storage;

namespace JobGen.Runtime.Tests.Support;

/// <summary>The real storage, with its fetch round trips and ack batches counted; batched acks can be held at a gate.</summary>
public sealed class CountingStorage(IJobStorage inner) : ForwardingStorage(inner), IJobStorage
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<int> _ackBatches = new();
    private int _fetches;
    private int _singleAcks;

    public int Fetches => Volatile.Read(ref _fetches);

    /// <summary>Sizes of the <see cref="AckManyAsync"/> calls, in call order.</summary>
    public int[] AckBatches => [.. _ackBatches];

    /// <summary>Calls of the one-job <see cref="AckAsync"/>.</summary>
    public int SingleAcks => Volatile.Read(ref _singleAcks);

    /// <summary>When set, every <see cref="AckManyAsync"/> call waits for it before acking.</summary>
    public Task? AckGate { get; set; }

    public async ValueTask<bool[]> AckManyAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        _ackBatches.Enqueue(jobs.Count);
        if (AckGate is { } gate)
        {
            await gate.WaitAsync(cancellationToken);
        }

        return await Inner.AckManyAsync(jobs, cancellationToken);
    }

    public override ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _fetches);
        return base.FetchAsync(queues, max, leaseDeadline, wait, cancellationToken);
    }

    public override ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _singleAcks);
        return base.AckAsync(job, cancellationToken);
    }
}
