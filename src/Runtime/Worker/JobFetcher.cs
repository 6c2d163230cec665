using System.Threading.Channels;
using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Takes work from the storage in batches (Sidekiq's fetch) and feeds the processors through a channel of
/// <c>batchSize</c> slots. It fetches once at least half the slots are free (the processors hand slots back as they
/// take jobs), so even a saturated worker brings several jobs per round trip; when every queue is empty it blocks
/// inside the storage's fetch wait: no polling sleeps. Every leased job is recorded in <see cref="HeldJobs"/> before
/// anything else, so shutdown can return it.
/// </summary>
internal sealed class JobFetcher
{
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);
    private readonly WorkerDependencies _deps;
    private readonly QueueSelector _queues;
    private readonly HeldJobs _held;
    private readonly Channel<FetchedJob> _channel;
    private readonly int _batchSize;
    private readonly SemaphoreSlim _freeSlots;

    public JobFetcher(WorkerDependencies deps, QueueSelector queues, HeldJobs held, Channel<FetchedJob> channel, int batchSize)
    {
        _deps = deps;
        _queues = queues;
        _held = held;
        _channel = channel;
        _batchSize = batchSize;
        _freeSlots = new SemaphoreSlim(batchSize, batchSize);
    }

    /// <summary>A processor took a job from the channel: its slot is free again.</summary>
    public void SlotFreed() => _freeSlots.Release();

    /// <summary>Fetches until <paramref name="quiet"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken quiet)
    {
        var writer = _channel.Writer;
        while (!quiet.IsCancellationRequested)
        {
            IReadOnlyList<FetchedJob> jobs;
            var slots = 0;
            try
            {
                // Wait for half the slots (the low-water mark), then take whatever else is free.
                var lowWater = Math.Max(1, _batchSize / 2);
                while (slots < lowWater)
                {
                    await _freeSlots.WaitAsync(quiet).ConfigureAwait(false);
                    slots++;
                }

                while (slots < _batchSize && _freeSlots.Wait(0, CancellationToken.None))
                {
                    slots++;
                }

                var leaseDeadline = _deps.Time.GetUtcNow() + _deps.Worker.LeaseDuration;
                jobs = await _deps.Storage.FetchAsync(_queues.NextOrder(), slots, leaseDeadline, _deps.Worker.FetchWait, quiet).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                _freeSlots.Release(slots);
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

            if (jobs.Count < slots)
            {
                _freeSlots.Release(slots - jobs.Count);
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
