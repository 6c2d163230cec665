using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Recurring schedules. Definitions live in two hashes of one slot ({schedules}); a schedule's last claimed tick lives
// in its queue's slot (P:{q:NAME}:ticks), so claiming a tick and enqueuing its job is one script on one slot.
public sealed partial class RedisJobStorage
{
    /// <inheritdoc />
    public async ValueTask SaveScheduleAsync(StoredSchedule schedule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var previousQueue = await _db.HashGetAsync(_keys.ScheduleQueues, schedule.Name).ConfigureAwait(false);
        var transaction = _db.CreateTransaction();
        _ = transaction.HashSetAsync(_keys.ScheduleDefinitions, schedule.Name, schedule.Definition);
        _ = transaction.HashSetAsync(_keys.ScheduleQueues, schedule.Name, schedule.Queue);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        if (previousQueue.HasValue && !string.Equals(previousQueue, schedule.Queue, StringComparison.Ordinal))
        {
            // The last tick follows the schedule to its new queue's slot (two steps: see docs/recurring.md).
            await MoveLastTickAsync(schedule.Name, previousQueue!, schedule.Queue).ConfigureAwait(false);
        }

        if (RegisterIfStale(schedule.Queue) is { } register)
        {
            await register.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<StoredSchedule>> GetSchedulesAsync(CancellationToken cancellationToken)
    {
        var definitions = _db.HashGetAllAsync(_keys.ScheduleDefinitions);
        var queues = _db.HashGetAllAsync(_keys.ScheduleQueues);
        var queueOf = (await queues.ConfigureAwait(false)).ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.Ordinal);
        var found = new List<(string Name, string Queue, byte[] Definition, Task<RedisValue> Last)>();
        foreach (var entry in await definitions.ConfigureAwait(false))
        {
            var name = (string)entry.Name!;
            if (queueOf.TryGetValue(name, out var queue))
            {
                found.Add((name, queue, (byte[])entry.Value!, _db.HashGetAsync(_keys.Queue(queue).Ticks, name)));
            }
        }

        var all = new List<StoredSchedule>(found.Count);
        foreach (var (name, queue, definition, last) in found)
        {
            var ms = await last.ConfigureAwait(false);
            all.Add(new StoredSchedule(name, queue, definition, ms.HasValue ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : null));
        }

        return all;
    }

    /// <inheritdoc />
    public async ValueTask<bool> RemoveScheduleAsync(string name, CancellationToken cancellationToken)
    {
        var queue = await _db.HashGetAsync(_keys.ScheduleQueues, name).ConfigureAwait(false);
        var transaction = _db.CreateTransaction();
        var removed = transaction.HashDeleteAsync(_keys.ScheduleDefinitions, name);
        _ = transaction.HashDeleteAsync(_keys.ScheduleQueues, name);
        await transaction.ExecuteAsync().ConfigureAwait(false);
        if (queue.HasValue)
        {
            await _db.HashDeleteAsync(_keys.Queue(queue!).Ticks, name).ConfigureAwait(false);
        }

        return await removed.ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<bool> ClaimTickAsync(string schedule, string queue, DateTimeOffset tick, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var claimed = await RedisScripts.ClaimTick.EvaluateAsync(
            _db, [keys.Ticks, keys.Ready], [schedule, tick.ToUnixTimeMilliseconds(), payload]).ConfigureAwait(false);
        if ((long)claimed == 1 && RegisterIfStale(queue) is { } register)
        {
            await register.ConfigureAwait(false);
        }

        return (long)claimed == 1;
    }

    private async Task MoveLastTickAsync(string name, string from, string to)
    {
        var last = await _db.HashGetAsync(_keys.Queue(from).Ticks, name).ConfigureAwait(false);
        if (last.HasValue)
        {
            await RedisScripts.RaiseLastTick.EvaluateAsync(_db, [_keys.Queue(to).Ticks], [name, last]).ConfigureAwait(false);
            await _db.HashDeleteAsync(_keys.Queue(from).Ticks, name).ConfigureAwait(false);
        }
    }
}
