using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// What each processor loop is running now, for the heartbeat (<see cref="ProcessInfo.Running"/>). One slot per loop,
/// written only by its loop: starting and finishing a job write a few fields between two counter increments (no
/// allocation, no lock); the heartbeat copies a slot only when its counter is even and unchanged across the read.
/// </summary>
internal sealed class RunningJobs
{
    private readonly object _gate = new();
    private readonly List<Slot> _slots = [];

    /// <summary>A new slot for one processor loop.</summary>
    public Slot NewSlot()
    {
        var slot = new Slot();
        lock (_gate)
        {
            _slots.Add(slot);
        }

        return slot;
    }

    /// <summary>The jobs running now, earliest start first, at most <paramref name="max"/>.</summary>
    public IReadOnlyList<RunningJob> Snapshot(int max)
    {
        Slot[] slots;
        lock (_gate)
        {
            slots = [.. _slots];
        }

        var running = new List<RunningJob>();
        foreach (var slot in slots)
        {
            if (slot.TryRead() is { } job)
            {
                running.Add(job);
            }
        }

        running.Sort(static (a, b) => a.StartedAt.CompareTo(b.StartedAt));
        return running.Count > max ? running[..max] : running;
    }

    internal sealed class Slot
    {
        private int _version; // odd while the loop writes
        private string? _id, _job, _queue;
        private long _startedMs;

        public void Start(string id, string job, string queue, DateTimeOffset startedAt)
        {
            Interlocked.Increment(ref _version);
            _id = id;
            _job = job;
            _queue = queue;
            _startedMs = startedAt.ToUnixTimeMilliseconds();
            Interlocked.Increment(ref _version);
        }

        public void Finish()
        {
            if (Volatile.Read(ref _id) is null)
            {
                return;
            }

            Interlocked.Increment(ref _version);
            _id = null;
            Interlocked.Increment(ref _version);
        }

        public RunningJob? TryRead()
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var before = Volatile.Read(ref _version);
                if ((before & 1) == 1)
                {
                    Thread.SpinWait(8);
                    continue;
                }

                var (id, job, queue, started) = (Volatile.Read(ref _id), Volatile.Read(ref _job), Volatile.Read(ref _queue), Volatile.Read(ref _startedMs));
                Interlocked.MemoryBarrier();
                if (Volatile.Read(ref _version) == before)
                {
                    return id is null ? null : new RunningJob(id, job!, queue!, DateTimeOffset.FromUnixTimeMilliseconds(started));
                }
            }

            return null; // busy changing: the next heartbeat sees it
        }
    }
}
