using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Processes, stats and the operator API. These keys sit outside any queue's slot, so each step is plain
// commands pipelined together, never a script (on Redis Cluster they may live on different nodes).
public sealed partial class RedisJobStorage
{
    private static readonly TimeSpan ProcessCleanupAfter = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public async ValueTask HeartbeatAsync(ProcessInfo process, TimeSpan ttl, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(process);
        var key = _keys.Process(process.Id);
        HashEntry[] fields =
        [
            new("host", process.Host),
            new("pid", process.Pid),
            new("queues", string.Join('\n', process.Queues)),
            new("concurrency", process.Concurrency),
            new("busy", process.Busy),
            new("started", process.StartedAt.ToUnixTimeMilliseconds()),
            new("version", process.Version),
            new("beat", now.ToUnixTimeMilliseconds()),
            new("running", process.Running.Count == 0 ? RedisValue.EmptyString : RunningJob.EncodeList([.. process.Running.Take(ProcessInfo.MaxRunningReported)])),
        ];

        // The sorted set's score (caller's clock) decides liveness; the hash's TTL only lets Redis free it.
        await Task.WhenAll(
            _db.HashSetAsync(key, fields),
            _db.KeyExpireAsync(key, ttl),
            _db.SortedSetAddAsync(_keys.Processes, process.Id, (now + ttl).ToUnixTimeMilliseconds())).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RemoveProcessAsync(string processId, CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            _db.SortedSetRemoveAsync(_keys.Processes, processId),
            _db.KeyDeleteAsync(_keys.Process(processId)),
            _db.KeyDeleteAsync(_keys.ProcessSignal(processId))).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ProcessInfo>> GetProcessesAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var nowMs = now.ToUnixTimeMilliseconds();
        var cleanup = _db.SortedSetRemoveRangeByScoreAsync(_keys.Processes, double.NegativeInfinity, (now - ProcessCleanupAfter).ToUnixTimeMilliseconds(), Exclude.Stop);
        var ids = await _db.SortedSetRangeByScoreAsync(_keys.Processes, nowMs, double.PositiveInfinity, Exclude.Start).ConfigureAwait(false);
        var hashes = await Task.WhenAll(ids.Select(id => _db.HashGetAllAsync(_keys.Process((string)id!)))).ConfigureAwait(false);
        await cleanup.ConfigureAwait(false);
        var processes = new List<ProcessInfo>(ids.Length);
        for (var i = 0; i < ids.Length; i++)
        {
            if (hashes[i].Length > 0)
            {
                processes.Add(ToProcess((string)ids[i]!, hashes[i]));
            }
        }

        return processes;
    }

    /// <inheritdoc />
    public async ValueTask IncrementStatsAsync(long processed, long failed, DateOnly day, CancellationToken cancellationToken)
    {
        var pending = new List<Task>(4);
        if (processed != 0)
        {
            pending.Add(_db.StringIncrementAsync(_keys.StatsProcessed, processed));
            pending.Add(_db.StringIncrementAsync(_keys.StatsProcessedOn(day), processed));
        }

        if (failed != 0)
        {
            pending.Add(_db.StringIncrementAsync(_keys.StatsFailed, failed));
            pending.Add(_db.StringIncrementAsync(_keys.StatsFailedOn(day), failed));
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<JobStats> GetStatsAsync(IReadOnlyList<DateOnly> days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(days);
        var processed = _db.StringGetAsync(_keys.StatsProcessed);
        var failed = _db.StringGetAsync(_keys.StatsFailed);
        var daily = days.Select(d => (Processed: _db.StringGetAsync(_keys.StatsProcessedOn(d)), Failed: _db.StringGetAsync(_keys.StatsFailedOn(d)))).ToList();
        var list = new List<DailyJobStats>(days.Count);
        for (var i = 0; i < days.Count; i++)
        {
            list.Add(new DailyJobStats(days[i], Count(await daily[i].Processed.ConfigureAwait(false)), Count(await daily[i].Failed.ConfigureAwait(false))));
        }

        return new JobStats(Count(await processed.ConfigureAwait(false)), Count(await failed.ConfigureAwait(false)), list);
    }

    /// <inheritdoc />
    public async ValueTask<QueueCounts> GetQueueCountsAsync(string queue, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var ready = _db.ListLengthAsync(keys.Ready);
        var inFlight = _db.SortedSetLengthAsync(keys.InFlight);
        var scheduled = _db.SortedSetLengthAsync(keys.Scheduled);
        var dead = _db.SortedSetLengthAsync(keys.Dead);
        var oldest = _db.ListGetByIndexAsync(keys.Ready, -1);
        var oldestValue = await oldest.ConfigureAwait(false);
        return new QueueCounts(
            queue,
            await ready.ConfigureAwait(false),
            await inFlight.ConfigureAwait(false),
            await scheduled.ConfigureAwait(false),
            await dead.ConfigureAwait(false),
            oldestValue.IsNull ? (ReadOnlyMemory<byte>?)null : (byte[])oldestValue!);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredPayload>> GetPageAsync(string queue, PayloadSet kind, int start, int count, CancellationToken cancellationToken)
    {
        if (start < 0 || count <= 0)
        {
            return [];
        }

        var keys = _keys.Queue(queue);
        if (kind == PayloadSet.Ready)
        {
            // The tail is the front: page from the tail, then turn it so the next to run comes first.
            var values = await _db.ListRangeAsync(keys.Ready, -(long)start - count, -(long)start - 1).ConfigureAwait(false);
            return [.. values.Reverse().Select(v => new StoredPayload((byte[])v!, null))];
        }

        var key = kind switch
        {
            PayloadSet.InFlight => keys.InFlight,
            PayloadSet.Scheduled => keys.Scheduled,
            PayloadSet.Dead => keys.Dead,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown payload set."),
        };
        var entries = await _db.SortedSetRangeByRankWithScoresAsync(key, start, (long)start + count - 1).ConfigureAwait(false);
        return [.. entries.Select(e => new StoredPayload(
            kind == PayloadSet.InFlight ? RedisLease.PayloadOf((byte[])e.Element!) : (byte[])e.Element!,
            DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score)))];
    }

    /// <inheritdoc />
    public async ValueTask<bool> DeleteDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, CancellationToken cancellationToken) =>
        await _db.SortedSetRemoveAsync(_keys.Queue(queue).Dead, deadRecord).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask<bool> RetryDeadAsync(string queue, ReadOnlyMemory<byte> deadRecord, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var moved = await RedisScripts.RetryDead.EvaluateAsync(_db, [keys.Dead, keys.Ready], [deadRecord, payload]).ConfigureAwait(false);
        return (int)moved == 1;
    }

    private static long Count(RedisValue value) => value.IsNull ? 0 : (long)value;

    private static ProcessInfo ToProcess(string id, HashEntry[] fields)
    {
        var map = fields.ToDictionary(f => (string)f.Name!, f => f.Value, StringComparer.Ordinal);
        string Text(string name) => map.TryGetValue(name, out var v) && !v.IsNull ? (string)v! : string.Empty;
        int Number(string name) => int.TryParse(Text(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var queues = Text("queues");
        var running = map.TryGetValue("running", out var bytes) && !bytes.IsNullOrEmpty ? ReadRunning(bytes) : [];
        return new ProcessInfo(
            id,
            Text("host"),
            Number("pid"),
            queues.Length == 0 ? [] : queues.Split('\n'),
            Number("concurrency"),
            Number("busy"),
            DateTimeOffset.FromUnixTimeMilliseconds(long.TryParse(Text("started"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) ? ms : 0),
            Text("version"))
        {
            Running = running,
            LastHeartbeatAt = long.TryParse(Text("beat"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var beat) ? DateTimeOffset.FromUnixTimeMilliseconds(beat) : null,
        };
    }

    private static IReadOnlyList<RunningJob> ReadRunning(RedisValue bytes)
    {
        try
        {
            return RunningJob.DecodeList((byte[])bytes!);
        }
        catch (JobPayloadException)
        {
            return []; // written by a newer or foreign writer: the process is still listed
        }
    }
}
