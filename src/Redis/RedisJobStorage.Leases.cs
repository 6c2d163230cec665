using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Leases: ack, retry, kill, requeue, renew, and the two movers every worker process runs (promote, rescue).
// Retry and kill act only while the lease is still held: once a lease was rescued, the job is back in ready
// (or running elsewhere) and a second copy in scheduled or dead would duplicate it.
public sealed partial class RedisJobStorage
{
    /// <inheritdoc />
    public async ValueTask<bool> AckAsync(FetchedJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return await _db.SortedSetRemoveAsync(_keys.Queue(job.Queue).InFlight, RedisLease.MemberOf(job)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool[]> AckManyAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var acked = new bool[jobs.Count];
        var pending = new List<Task>();

        // One script call per queue (single-slot) and chunk, all pipelined. A worker's batch is usually one queue:
        // then the positions are the batch's own, without grouping.
        if (jobs.Count == 0)
        {
            return acked;
        }

        if (jobs.All(j => j.Queue == jobs[0].Queue))
        {
            AckQueue(jobs, jobs[0].Queue, null, acked, pending);
        }
        else
        {
            foreach (var group in Enumerable.Range(0, jobs.Count).GroupBy(i => jobs[i].Queue, StringComparer.Ordinal))
            {
                AckQueue(jobs, group.Key, [.. group], acked, pending);
            }
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
        return acked;
    }

    // Acks the jobs at `positions` (all of `jobs` when null), all of one queue, in chunks of AckManyChunk.
    private void AckQueue(IReadOnlyList<FetchedJob> jobs, string queue, int[]? positions, bool[] acked, List<Task> pending)
    {
        RedisKey[] keys = [_keys.Queue(queue).InFlight];
        var count = positions?.Length ?? jobs.Count;
        for (var start = 0; start < count; start += RedisScripts.AckManyChunk)
        {
            var chunk = new int[Math.Min(RedisScripts.AckManyChunk, count - start)];
            var members = new RedisValue[chunk.Length];
            for (var k = 0; k < chunk.Length; k++)
            {
                chunk[k] = positions?[start + k] ?? start + k;
                members[k] = RedisLease.MemberOf(jobs[chunk[k]]);
            }

            pending.Add(AckChunkAsync(keys, members, chunk, acked));
        }
    }

    private async Task AckChunkAsync(RedisKey[] keys, RedisValue[] members, int[] indexes, bool[] acked)
    {
        if (members.Length == 1)
        {
            // An idle worker acks one job at a time: a plain ZREM is one command instead of a script with two.
            acked[indexes[0]] = await _db.SortedSetRemoveAsync(keys[0], members[0]).ConfigureAwait(false);
            return;
        }

        var gone = (RedisResult[])(await RedisScripts.AckMany.EvaluateAsync(_db, keys, members).ConfigureAwait(false))!;
        foreach (var k in indexes)
        {
            acked[k] = true;
        }

        foreach (var position in gone)
        {
            acked[indexes[(int)position - 1]] = false;
        }
    }

    /// <inheritdoc />
    public async ValueTask RetryAsync(FetchedJob job, ReadOnlyMemory<byte> retryPayload, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keys = _keys.Queue(job.Queue);
        await RedisScripts.Retry.EvaluateAsync(_db, [keys.InFlight, keys.Scheduled], [RedisLease.MemberOf(job), dueAt.ToUnixTimeMilliseconds(), retryPayload]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask KillAsync(FetchedJob job, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var keys = _keys.Queue(job.Queue);
        var nowMs = now.ToUnixTimeMilliseconds();
        var maxAgeMs = limits.MaxAge.TotalMilliseconds;
        var cutoff = maxAgeMs >= nowMs ? 0 : nowMs - (long)maxAgeMs;
        await RedisScripts.Kill.EvaluateAsync(_db, [keys.InFlight, keys.Dead], [RedisLease.MemberOf(job), nowMs, deadRecord, Math.Max(0, limits.MaxJobs), cutoff]).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RequeueAsync(IReadOnlyList<FetchedJob> jobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        var pending = new List<Task>();
        foreach (var group in jobs.GroupBy(j => j.Queue, StringComparer.Ordinal))
        {
            var keys = _keys.Queue(group.Key);
            RedisValue[] members = [.. group.Select(j => (RedisValue)RedisLease.MemberOf(j))];
            pending.Add(RedisScripts.Requeue.EvaluateAsync(_db, [keys.InFlight, keys.Ready], members));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RenewLeasesAsync(IReadOnlyList<FetchedJob> jobs, DateTimeOffset leaseDeadline, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        double deadline = leaseDeadline.ToUnixTimeMilliseconds();
        var pending = new List<Task>();
        foreach (var group in jobs.GroupBy(j => j.Queue, StringComparer.Ordinal))
        {
            // ZADD XX: a lease that was rescued (member gone) is not brought back.
            SortedSetEntry[] entries = [.. group.Select(j => new SortedSetEntry(RedisLease.MemberOf(j), deadline))];
            pending.Add(_db.SortedSetAddAsync(_keys.Queue(group.Key).InFlight, entries, SortedSetWhen.Exists));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<int> PromoteDueAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return 0;
        }

        var keys = _keys.Queue(queue);
        var moved = await RedisScripts.PromoteDue.EvaluateAsync(_db, [keys.Scheduled, keys.Ready], [now.ToUnixTimeMilliseconds(), max]).ConfigureAwait(false);
        return (int)moved;
    }

    /// <inheritdoc />
    public async ValueTask<int> RescueExpiredAsync(string queue, DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        if (max <= 0)
        {
            return 0;
        }

        var keys = _keys.Queue(queue);
        var moved = await RedisScripts.RescueExpired.EvaluateAsync(_db, [keys.InFlight, keys.Ready], [now.ToUnixTimeMilliseconds(), max]).ConfigureAwait(false);
        return (int)moved;
    }
}
