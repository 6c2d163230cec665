namespace JobGen.Storage.InMemory;

/// <summary>
/// The embedded default: the same semantics as Redis (ready, leases with deadlines, scheduled, dead) inside
/// the process, so the quick start and users' tests behave like production. Nothing survives the process.
/// One lock guards everything: simple, and fast enough for tests and single-process apps.
/// </summary>
public sealed partial class InMemoryJobStorage : IJobStorage
{
    private readonly object _gate = new();
    private readonly Dictionary<string, InMemoryQueue> _queues = new(StringComparer.Ordinal);
    private TaskCompletionSource _arrived = NewSignal();

    /// <inheritdoc />
    public ValueTask EnqueueAsync(string queue, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            QueueOf(queue).Ready.AddLast(payload.ToArray());
        }

        Signal();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask EnqueueManyAsync(IReadOnlyList<QueuedPayload> payloads, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var item in payloads)
            {
                QueueOf(item.Queue).Ready.AddLast(item.Payload.ToArray());
            }
        }

        Signal();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ScheduleAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            QueueOf(queue).AddScheduled(payload.ToArray(), dueAt);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task arrived;
        lock (_gate)
        {
            var taken = TakeReady(queues, max, leaseDeadline);
            if (taken.Count > 0 || wait <= TimeSpan.Zero)
            {
                return taken;
            }

            arrived = _arrived.Task;
        }

        try
        {
            await arrived.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return [];
        }

        lock (_gate)
        {
            return TakeReady(queues, max, leaseDeadline);
        }
    }

    /// <inheritdoc />
    public ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(QueueOf(job.Queue).InFlight.Remove(job));
        }
    }

    /// <inheritdoc />
    public ValueTask<bool[]> AckManyAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var acked = new bool[jobs.Count];
        lock (_gate)
        {
            for (var i = 0; i < acked.Length; i++)
            {
                acked[i] = QueueOf(jobs[i].Queue).InFlight.Remove(jobs[i]);
            }
        }

        return ValueTask.FromResult(acked);
    }

    /// <inheritdoc />
    public ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Only while the lease is held, as in Redis: a rescued job is already back in ready.
            var q = QueueOf(job.Queue);
            if (q.InFlight.Remove(job))
            {
                q.AddScheduled(retryPayload.ToArray(), dueAt);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var q = QueueOf(job.Queue);
            if (q.InFlight.Remove(job))
            {
                q.AddDead(deadRecord.ToArray(), now, limits);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Walk backwards so the jobs keep their order at the front of the list.
            for (var i = jobs.Count - 1; i >= 0; i--)
            {
                var q = QueueOf(jobs[i].Queue);
                if (q.InFlight.Remove(jobs[i]))
                {
                    q.Ready.AddFirst(jobs[i].Payload.ToArray());
                }
            }
        }

        Signal();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var job in jobs)
            {
                var inFlight = QueueOf(job.Queue).InFlight;
                if (inFlight.ContainsKey(job))
                {
                    inFlight[job] = leaseDeadline;
                }
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        int moved;
        lock (_gate)
        {
            moved = QueueOf(queue).PromoteDue(now, max);
        }

        if (moved > 0)
        {
            Signal();
        }

        return ValueTask.FromResult(moved);
    }

    /// <inheritdoc />
    public ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        int moved;
        lock (_gate)
        {
            moved = QueueOf(queue).RescueExpired(now, max);
        }

        if (moved > 0)
        {
            Signal();
        }

        return ValueTask.FromResult(moved);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> GetQueuesAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<string> names = [.. _queues.Keys.Order(StringComparer.Ordinal)];
            return ValueTask.FromResult(names);
        }
    }

    /// <summary>A consistent copy of one queue's contents, for tests.</summary>
    internal InMemoryQueueSnapshot Snapshot(string queue)
    {
        lock (_gate)
        {
            return QueueOf(queue).Snapshot();
        }
    }

    private List<FetchedJob> TakeReady(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline)
    {
        var taken = new List<FetchedJob>();
        foreach (var name in queues)
        {
            if (!_queues.TryGetValue(name, out var q))
            {
                continue;
            }

            while (taken.Count < max && q.Ready.First is { } node)
            {
                q.Ready.RemoveFirst();
                var job = new FetchedJob(name, node.Value);
                q.InFlight[job] = leaseDeadline;
                taken.Add(job);
            }

            if (taken.Count == max)
            {
                break;
            }
        }

        return taken;
    }

    private InMemoryQueue QueueOf(string name)
    {
        if (!_queues.TryGetValue(name, out var q))
        {
            q = new InMemoryQueue();
            _queues.Add(name, q);
        }

        return q;
    }

    private void Signal()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            previous = _arrived;
            _arrived = NewSignal();
        }

        previous.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
