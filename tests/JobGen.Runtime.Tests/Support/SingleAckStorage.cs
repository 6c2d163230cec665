using JobGen.Storage;

namespace JobGen.Runtime.Tests.Support;

/// <summary>The real storage behind a storage that does not override <see cref="IJobStorage.AckManyAsync"/> (a third-party one).</summary>
public sealed class SingleAckStorage(IJobStorage inner) : ForwardingStorage(inner)
{
    private int _acks;

    public int Acks => Volatile.Read(ref _acks);

    public override ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _acks);
        return base.AckAsync(job, cancellationToken);
    }
}
