using System.Collections.Concurrent;
using System.Diagnostics;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Fetch: the fetch script per queue in the order given and, when every queue is empty, the blocking wait
// (RedisReadyWaiter; docs/redis.md "Waiting for work without polling").
public sealed partial class RedisJobStorage
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var started = Stopwatch.GetTimestamp();
        var taken = await TakeAsync(queues, max, leaseDeadline).ConfigureAwait(false);
        while (true)
        {
            var remaining = wait - Stopwatch.GetElapsedTime(started);
            if (taken.Count > 0 || remaining <= TimeSpan.Zero || queues.Count == 0)
            {
                return taken;
            }

            cancellationToken.ThrowIfCancellationRequested();
            if (queues.Count == 1)
            {
                taken = await WaitAndTakeAsync(queues[0], max, leaseDeadline, remaining, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WaitForWorkAsync(queues, remaining, cancellationToken).ConfigureAwait(false);
                taken = await TakeAsync(QueuesThatMayHaveWork(queues), max, leaseDeadline).ConfigureAwait(false);
            }
        }
    }

    // Strict order: a later queue is asked only for what the earlier ones did not fill (one script call per queue).
    private async Task<List<FetchedJob>> TakeAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline)
    {
        var taken = new List<FetchedJob>();
        var deadline = leaseDeadline.ToUnixTimeMilliseconds();
        foreach (var queue in queues)
        {
            var keys = _keys.Queue(queue);
            var result = await RedisScripts.Fetch.EvaluateAsync(_db, [keys.Ready, keys.InFlight, keys.LeaseSequence], [max - taken.Count, deadline]).ConfigureAwait(false);
            taken.AddRange(ToJobs(queue, result));

            if (taken.Count >= max)
            {
                break;
            }
        }

        return taken;
    }

    // After a wake-up, skip the queues whose BLMOVE is still parked (their lists are empty): one script call for the
    // queue that woke us instead of one per queue. A job that lands on a skipped queue in that same instant ends its
    // BLMOVE and is taken by the next fetch; strict order is kept everywhere else.
    private IReadOnlyList<string> QueuesThatMayHaveWork(IReadOnlyList<string> queues)
    {
        var open = queues.Where(q => !WaiterOf(q).IsParked).ToList();
        return open.Count > 0 ? open : queues;
    }

    // One queue: block and fetch in one go on the blocking connection (RedisReadyWaiter). If this process already
    // has a wait outstanding on the queue, share it as a signal and fetch afterwards.
    private async Task<List<FetchedJob>> WaitAndTakeAsync(string queue, int max, DateTimeOffset leaseDeadline, TimeSpan remaining, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var waiter = WaiterOf(queue);
        var pair = waiter.TryWaitAndFetch(remaining, [keys.Ready, keys.InFlight, keys.LeaseSequence], [max, leaseDeadline.ToUnixTimeMilliseconds()]);
        if (pair is null)
        {
            await WaitForWorkAsync([queue], remaining, cancellationToken).ConfigureAwait(false);
            return await TakeAsync([queue], max, leaseDeadline).ConfigureAwait(false);
        }

        RedisResult? result;
        try
        {
            // The BLMOVE ends by its own server-side timeout; the grace only covers a reply that never comes.
            result = await pair.WaitAsync(waiter.MaxBlock + OrphanGrace, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // End the parked BLMOVE now (closing its connection drops the fetch queued behind it), so shutdown does not
            // wait out the block. If the pair already leased jobs and their reply still arrives, they go straight back
            // to the front of ready; a reply lost with the connection leaves leases that expire and are rescued.
            waiter.Abandon();
            TrackOrphan(RequeueOrphanedAsync(queue, pair));
            if (ex is TimeoutException)
            {
                return [];
            }

            throw;
        }

        // Null: the blocking connection failed; fetch on the main one, which reports the error if Redis is down.
        return result is null ? await TakeAsync([queue], max, leaseDeadline).ConfigureAwait(false) : ToJobs(queue, result);
    }

    private async Task RequeueOrphanedAsync(string queue, Task<RedisResult?> pair)
    {
        try
        {
            var jobs = ToJobs(queue, await pair.ConfigureAwait(false));
            if (jobs.Count > 0)
            {
                await RequeueAsync(jobs, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException)
        {
            // Redis or this storage is gone: the leases expire and the rescuer returns them.
        }
    }

    private void TrackOrphan(Task requeue)
    {
        _orphans.TryAdd(requeue, 0);
        _ = requeue.ContinueWith(static (t, state) => ((ConcurrentDictionary<Task, byte>)state!).TryRemove(t, out _), _orphans, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static List<FetchedJob> ToJobs(string queue, RedisResult? result)
    {
        var jobs = new List<FetchedJob>();
        if (result is not null && !result.IsNull)
        {
            foreach (var member in (RedisResult[])result!)
            {
                jobs.Add(RedisLease.ToFetchedJob(queue, (byte[])member!));
            }
        }

        return jobs;
    }

    private async Task WaitForWorkAsync(IReadOnlyList<string> queues, TimeSpan remaining, CancellationToken cancellationToken)
    {
        Task any;
        if (queues.Count == 1)
        {
            any = WaiterOf(queues[0]).WaitAsync(remaining);
        }
        else
        {
            var waits = new Task[queues.Count];
            for (var i = 0; i < waits.Length; i++)
            {
                waits[i] = WaiterOf(queues[i]).WaitAsync(remaining);
            }

            any = Task.WhenAny(waits);
        }

        try
        {
            await any.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The caller's wait is over; FetchAsync looks once more and returns.
        }
        catch (OperationCanceledException)
        {
            // These BLMOVEs lease nothing, but left parked they keep their connections until they time out: end them.
            // Another fetch of this process sharing one of them just wakes up and looks again.
            foreach (var queue in queues)
            {
                WaiterOf(queue).Abandon();
            }

            throw;
        }
    }

    private RedisReadyWaiter WaiterOf(string queue) =>
        _waiters.GetOrAdd(queue, static (q, self) => new RedisReadyWaiter(self.BlockingOptionsFor(q), self._keys.Queue(q).Ready, self._options.MaxBlockingWait), this);

    // Named NAME-blocking-QUEUE, so CLIENT LIST shows which queue each parked connection waits on.
    private ConfigurationOptions BlockingOptionsFor(string queue)
    {
        var options = _blockingOptions.Clone();
        var safe = string.Concat(queue.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or ':' ? c : '_'));
        options.ClientName = _blockingOptions.ClientName + "-" + safe;
        return options;
    }
}
