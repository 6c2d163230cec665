using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Operator controls: the paused set and process signals sit outside any queue's slot (plain commands); clearing,
// scheduled removal and killing touch one queue's keys (one script each).
public sealed partial class RedisJobStorage
{
    private static readonly TimeSpan SignalLifetime = TimeSpan.FromHours(1);

    /// <inheritdoc />
    public async ValueTask SetQueuePausedAsync(string queue, bool paused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queue);
        _ = paused
            ? await _db.SetAddAsync(_keys.Paused, queue).ConfigureAwait(false)
            : await _db.SetRemoveAsync(_keys.Paused, queue).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>> GetPausedQueuesAsync(CancellationToken cancellationToken)
    {
        var members = await _db.SetMembersAsync(_keys.Paused).ConfigureAwait(false);
        return [.. members.Select(m => (string)m!)];
    }

    /// <inheritdoc />
    public async ValueTask<long> ClearReadyAsync(string queue, CancellationToken cancellationToken)
    {
        var cleared = await RedisScripts.ClearReady.EvaluateAsync(_db, [_keys.Queue(queue).Ready], []).ConfigureAwait(false);
        return (long)cleared;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveScheduledAsync(string queue, ReadOnlyMemory<byte> payload, bool runNow, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var removed = await RedisScripts.RemoveScheduled.EvaluateAsync(_db, [keys.Scheduled, keys.Ready], [payload, runNow ? 1 : 0]).ConfigureAwait(false);
        return (int)removed == 1;
    }

    /// <inheritdoc />
    public async ValueTask<bool> KillScheduledAsync(string queue, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte> deadRecord, DateTimeOffset now, DeadSetLimits limits, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var nowMs = now.ToUnixTimeMilliseconds();
        var maxAgeMs = limits.MaxAge.TotalMilliseconds;
        var cutoff = maxAgeMs >= nowMs ? 0 : nowMs - (long)maxAgeMs;
        var killed = await RedisScripts.KillScheduled.EvaluateAsync(_db, [keys.Scheduled, keys.Dead], [payload, nowMs, deadRecord, Math.Max(0, limits.MaxJobs), cutoff]).ConfigureAwait(false);
        return (int)killed == 1;
    }

    /// <inheritdoc />
    public async ValueTask SignalProcessAsync(string processId, ProcessSignal signal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processId);
        await _db.StringSetAsync(_keys.ProcessSignal(processId), (int)signal, SignalLifetime).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<ProcessSignal> GetProcessSignalAsync(string processId, CancellationToken cancellationToken)
    {
        var value = await _db.StringGetAsync(_keys.ProcessSignal(processId)).ConfigureAwait(false);
        return value.IsNull ? ProcessSignal.None : (ProcessSignal)(int)value;
    }
}
