using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Every lease this worker holds, from fetch until ack/retry/kill/requeue: waiting in the channel or running.
/// The renewer extends them all; shutdown returns whatever is left, so nothing is lost.
/// Leases are kept per fetched batch: taking one is a flag flip on the job and a count on its batch (no per-job
/// dictionary node, no lock); a batch leaves the list once all of its jobs are released.
/// </summary>
internal sealed class HeldJobs
{
    private readonly object _gate = new();
    private readonly List<HeldBatch> _batches = [];
    private int _count;
    private int _running;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Jobs being run right now (for the heartbeat's busy count).</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Records the leases of one fetch.</summary>
    public void AddBatch(IReadOnlyList<FetchedJob> jobs)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        var batch = new HeldBatch([.. jobs]);
        foreach (var job in batch.Jobs)
        {
            job.HeldBy = batch;
            Volatile.Write(ref job.Held, 1);
        }

        Interlocked.Add(ref _count, batch.Jobs.Length);
        lock (_gate)
        {
            _batches.Add(batch);
        }
    }

    /// <summary>Releases a lease; false if it was already released (for example requeued at the deadline).</summary>
    public bool Release(FetchedJob job)
    {
        if (Interlocked.Exchange(ref job.Held, 0) != 1)
        {
            return false;
        }

        Interlocked.Decrement(ref _count);
        if (job.HeldBy is HeldBatch batch && Interlocked.Decrement(ref batch.Left) == 0)
        {
            lock (_gate)
            {
                _batches.Remove(batch);
            }
        }

        return true;
    }

    public bool Holds(FetchedJob job) => Volatile.Read(ref job.Held) == 1;

    public void StartedRunning() => Interlocked.Increment(ref _running);

    public void StoppedRunning() => Interlocked.Decrement(ref _running);

    public FetchedJob[] Snapshot()
    {
        var held = new List<FetchedJob>();
        lock (_gate)
        {
            foreach (var batch in _batches)
            {
                foreach (var job in batch.Jobs)
                {
                    if (Volatile.Read(ref job.Held) == 1)
                    {
                        held.Add(job);
                    }
                }
            }
        }

        return [.. held];
    }

    /// <summary>Takes every remaining lease (they are no longer this worker's to complete).</summary>
    public List<FetchedJob> ReleaseAll()
    {
        var released = new List<FetchedJob>();
        foreach (var job in Snapshot())
        {
            if (Release(job))
            {
                released.Add(job);
            }
        }

        return released;
    }

    private sealed class HeldBatch(FetchedJob[] jobs)
    {
        public readonly FetchedJob[] Jobs = jobs;
        public int Left = jobs.Length;
    }
}
