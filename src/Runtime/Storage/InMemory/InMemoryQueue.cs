namespace JobGen.Storage.InMemory;

/// <summary>One queue's structures inside <see cref="InMemoryJobStorage"/>; the caller holds the lock.</summary>
internal sealed class InMemoryQueue
{
    private long _sequence;

    public LinkedList<byte[]> Ready { get; } = new();

    // A lease is identified by its FetchedJob: an ack of a lease that was rescued and fetched again misses.
    public Dictionary<FetchedJob, DateTimeOffset> InFlight { get; } = new(ReferenceEqualityComparer.Instance);

    // Ordered by due time, then by arrival so equal times keep their order.
    public SortedDictionary<(DateTimeOffset Due, long Seq), byte[]> Scheduled { get; } = new();

    public SortedDictionary<(DateTimeOffset DiedAt, long Seq), byte[]> Dead { get; } = new();

    public void AddScheduled(byte[] payload, DateTimeOffset dueAt) => Scheduled.Add((dueAt, _sequence++), payload);

    public void AddDead(byte[] record, DateTimeOffset now, DeadSetLimits limits)
    {
        Dead.Add((now, _sequence++), record);
        var oldest = now - limits.MaxAge;
        while (Dead.Count > 0 && (Dead.Count > limits.MaxJobs || Dead.First().Key.DiedAt < oldest))
        {
            Dead.Remove(Dead.First().Key);
        }
    }

    public bool RemoveDead(ReadOnlySpan<byte> record)
    {
        foreach (var pair in Dead)
        {
            if (record.SequenceEqual(pair.Value))
            {
                Dead.Remove(pair.Key);
                return true;
            }
        }

        return false;
    }

    public byte[]? RemoveScheduled(ReadOnlySpan<byte> payload)
    {
        foreach (var pair in Scheduled)
        {
            if (payload.SequenceEqual(pair.Value))
            {
                Scheduled.Remove(pair.Key);
                return pair.Value;
            }
        }

        return null;
    }

    public int PromoteDue(DateTimeOffset now, int max)
    {
        var moved = 0;
        while (moved < max && Scheduled.Count > 0)
        {
            var first = Scheduled.First();
            if (first.Key.Due > now)
            {
                break;
            }

            Scheduled.Remove(first.Key);
            Ready.AddLast(first.Value);
            moved++;
        }

        return moved;
    }

    public int RescueExpired(DateTimeOffset now, int max)
    {
        var expired = InFlight.Where(pair => pair.Value < now).Take(max).Select(pair => pair.Key).ToList();
        foreach (var job in expired)
        {
            InFlight.Remove(job);
            Ready.AddFirst(job.Payload.ToArray());
        }

        return expired.Count;
    }

    public InMemoryQueueSnapshot Snapshot() => new(
        [.. Ready],
        [.. InFlight.Select(pair => (pair.Key.Payload.ToArray(), pair.Value))],
        [.. Scheduled.Select(pair => (pair.Value, pair.Key.Due))],
        [.. Dead.Select(pair => (pair.Value, pair.Key.DiedAt))]);
}

/// <summary>A copy of one in-memory queue: payloads in order, with lease deadlines, due times and death times.</summary>
internal sealed record InMemoryQueueSnapshot(
    IReadOnlyList<byte[]> Ready,
    IReadOnlyList<(byte[] Payload, DateTimeOffset LeaseDeadline)> InFlight,
    IReadOnlyList<(byte[] Payload, DateTimeOffset DueAt)> Scheduled,
    IReadOnlyList<(byte[] Record, DateTimeOffset DiedAt)> Dead);
