using System.Threading.Channels;
using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Takes work from the storage in batches (Sidekiq's fetch) and feeds the processors through a channel. It keeps up
/// to <see cref="FetchSizer.Limit"/> jobs ready and refills once half of them were taken (the processors report
/// each job they take), so even a saturated worker brings several jobs per round trip; when every queue is empty it
/// blocks inside the storage's fetch wait: no polling sleeps. Every leased job is recorded in <see cref="HeldJobs"/>
/// before anything else, so shutdown can return it.
/// </summary>
internal sealed class JobFetcher
{
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromSeconds(1);
    private readonly WorkerDependencies _deps;
    private readonly QueueSelector _queues;
    private readonly PausedQueues _paused;
    private readonly HeldJobs _held;
    private readonly Channel<FetchedJob> _channel;
    private readonly FetchSizer _sizer;
    private readonly QueueWindows _windows;
    private readonly SemaphoreSlim _drained = new(0);
    private int _ready; // fetched, not yet taken by a processor
    private int _wakeAt = -1;
    private long _fullBatchAt; // when the last full batch was handed to the channel; 0 when the last one was not full

    public JobFetcher(WorkerDependencies deps, QueueSelector queues, PausedQueues paused, HeldJobs held, Channel<FetchedJob> channel, FetchSizer sizer)
    {
        _deps = deps;
        _queues = queues;
        _paused = paused;
        _held = held;
        _channel = channel;
        _sizer = sizer;
        _windows = QueueWindows.Parse(deps.Worker.QueueWindows); // validated at start: does not throw here
    }

    /// <summary>Since when every fetch has failed; null while fetches succeed (for <see cref="JobWorker.GetStatus"/>).</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    /// <summary>The last failed fetch's message while <see cref="FailingSince"/> is set.</summary>
    public string? LastError { get; private set; }

    /// <summary>A processor took a job from the channel.</summary>
    public void SlotFreed()
    {
        // The count passes each value once on the way down (only the fetcher adds, and not while it waits).
        if (Interlocked.Decrement(ref _ready) == Volatile.Read(ref _wakeAt))
        {
            _drained.Release();
        }
    }

    /// <summary>Fetches until <paramref name="quiet"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken quiet)
    {
        var writer = _channel.Writer;
        while (!quiet.IsCancellationRequested)
        {
            IReadOnlyList<FetchedJob> jobs;
            int wanted;
            try
            {
                await WaitForLowWaterAsync(quiet).ConfigureAwait(false);
                if (!_paused.Loaded)
                {
                    await _paused.RefreshAsync(_deps.Storage, quiet).ConfigureAwait(false); // a pause outlives restarts
                }

                var order = _paused.Filter(_queues.NextOrder());
                if (order.Count == 0)
                {
                    // Every queue is paused: look again after the poller's next read.
                    await Task.Delay(_deps.Worker.PollInterval, _deps.Time, quiet).ConfigureAwait(false);
                    continue;
                }

                wanted = Math.Max(1, _sizer.Limit - Volatile.Read(ref _ready)); // the limit may just have shrunk
                var now = _deps.Time.GetUtcNow();
                var open = _windows.Open(order, now);
                if (open.Count == 0)
                {
                    // Every queue is outside its off-peak window: sleep until one opens (re-checked at least every FetchWait).
                    await Task.Delay(_windows.UntilFirstOpens(_queues.Names, now, _deps.Worker.FetchWait), _deps.Time, quiet).ConfigureAwait(false);
                    continue;
                }

                jobs = await _deps.Storage.FetchAsync(open, wanted, now + _deps.Worker.LeaseDuration, _deps.Worker.FetchWait, quiet).ConfigureAwait(false);
                if (FailingSince is not null)
                {
                    (FailingSince, LastError) = (null, null);
                }
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WorkerLog.FetchFailed(_deps.Logger, ex, ErrorBackoff);
                FailingSince ??= _deps.Time.GetUtcNow();
                LastError = ex.Message;
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

            _held.AddBatch(jobs);
            Interlocked.Add(ref _ready, jobs.Count);
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

            _fullBatchAt = jobs.Count == wanted ? _deps.Time.GetTimestamp() : 0;
        }
    }

    // Waits until at most half the limit is still ready (the low-water mark), then tells the sizer how long a full
    // batch took to get there.
    private async Task WaitForLowWaterAsync(CancellationToken quiet)
    {
        var lowWater = _sizer.Limit / 2;
        if (Volatile.Read(ref _ready) > lowWater)
        {
            Volatile.Write(ref _wakeAt, lowWater);
            try
            {
                while (Volatile.Read(ref _ready) > lowWater)
                {
                    await _drained.WaitAsync(quiet).ConfigureAwait(false);
                }
            }
            finally
            {
                Volatile.Write(ref _wakeAt, -1);
            }
        }

        if (_fullBatchAt != 0)
        {
            _sizer.FullBatchDrained(_deps.Time.GetElapsedTime(_fullBatchAt));
        }
    }
}
