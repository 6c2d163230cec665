using System.Threading.Channels;
using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Takes work from the storage in batches (Sidekiq's fetch) and feeds the processors through a bounded channel.
/// It only asks for as many jobs as the channel has room for, and when every queue is empty it blocks inside the
/// storage's fetch wait: no polling sleeps. Every leased job is recorded in <see cref="HeldJobs"/> before anything
/// else, so shutdown can return it.
/// </summary>
internal sealed class JobFetcher
{
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);
    private readonly WorkerDependencies _deps;
    private readonly QueueSelector _queues;
    private readonly HeldJobs _held;
    private readonly Channel<FetchedJob> _channel;
    private readonly int _batchSize;

    public JobFetcher(WorkerDependencies deps, QueueSelector queues, HeldJobs held, Channel<FetchedJob> channel, int batchSize)
    {
        _deps = deps;
        _queues = queues;
        _held = held;
        _channel = channel;
        _batchSize = batchSize;
    }

    /// <summary>Fetches until <paramref name="quiet"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken quiet)
    {
        var writer = _channel.Writer;
        while (!quiet.IsCancellationRequested)
        {
            IReadOnlyList<FetchedJob> jobs;
            try
            {
                if (!await writer.WaitToWriteAsync(quiet).ConfigureAwait(false))
                {
                    return;
                }

                var room = Math.Max(1, _batchSize - _channel.Reader.Count);
                var leaseDeadline = _deps.Time.GetUtcNow() + _deps.Worker.LeaseDuration;
                jobs = await _deps.Storage.FetchAsync(_queues.NextOrder(), room, leaseDeadline, _deps.Worker.FetchWait, quiet).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WorkerLog.FetchFailed(_deps.Logger, ex, ErrorBackoff);
                try
                {
                    await Task.Delay(ErrorBackoff, _deps.Time, quiet).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            foreach (var job in jobs)
            {
                _held.Add(job);
            }

            foreach (var job in jobs)
            {
                if (writer.TryWrite(job))
                {
                    continue;
                }

                try
                {
                    await writer.WriteAsync(job, quiet).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return; // The rest stay in HeldJobs and are requeued by the shutdown.
                }
            }
        }
    }
}
