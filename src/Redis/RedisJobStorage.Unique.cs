using StackExchange.Redis;

namespace JobGen.Storage.Redis;

// Unique locks (docs/flow-control.md): one string per lock in its queue's slot, so taking the lock and storing the job
// is one script on one slot (cluster-safe), and releasing it is a compare-and-delete.
public sealed partial class RedisJobStorage
{
    /// <inheritdoc />
    public async ValueTask<string?> EnqueueUniqueAsync(string queue, ReadOnlyMemory<byte> payload, DateTimeOffset? dueAt, UniqueLock uniqueLock, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var keys = _keys.Queue(queue);
        var register = RegisterIfStale(queue);
        var result = await RedisUniqueScripts.EnqueueUnique.EvaluateAsync(
            _db,
            [keys.UniqueLock(uniqueLock.Key), dueAt is null ? keys.Ready : keys.Scheduled],
            [uniqueLock.JobId, uniqueLock.ExpiresAt?.ToUnixTimeMilliseconds() ?? 0, now.ToUnixTimeMilliseconds(), payload, dueAt?.ToUnixTimeMilliseconds() ?? RedisValue.EmptyString]).ConfigureAwait(false);
        if (register is not null)
        {
            await register.ConfigureAwait(false);
        }

        return result.IsNull ? null : (string?)result;
    }

    /// <inheritdoc />
    public async ValueTask<bool> ReleaseUniqueAsync(string queue, string key, string jobId, CancellationToken cancellationToken)
    {
        var result = await RedisUniqueScripts.ReleaseUnique.EvaluateAsync(_db, [_keys.Queue(queue).UniqueLock(key)], [jobId]).ConfigureAwait(false);
        return (int)result == 1;
    }
}

/// <summary>The unique-lock scripts; each touches one queue's keys.</summary>
internal static class RedisUniqueScripts
{
    /// <summary>
    /// KEYS lock, ready-or-scheduled; ARGV job id, lock expiry (ms, 0 for none), now (ms), payload, due (ms, empty for
    /// ready). A live lock (expiry 0, or after now) returns its holder's id; else takes the lock, stores the job and
    /// returns nil. The stored expiry, against the caller's clock, decides; Redis also drops the key after the lock's
    /// span (PEXPIRE, relative: Redis's own clock never meets the caller's times).
    /// </summary>
    public static readonly RedisScript EnqueueUnique = new("enqueue-unique", """
        local held = redis.call('GET', KEYS[1])
        if held then
          local sep = string.find(held, ' ', 1, true)
          local expires = tonumber(string.sub(held, 1, sep - 1))
          if expires == 0 or expires > tonumber(ARGV[3]) then return string.sub(held, sep + 1) end
        end
        redis.call('SET', KEYS[1], ARGV[2] .. ' ' .. ARGV[1])
        if ARGV[2] ~= '0' then
          redis.call('PEXPIRE', KEYS[1], math.max(1, tonumber(ARGV[2]) - tonumber(ARGV[3])))
        end
        if ARGV[5] == '' then
          redis.call('LPUSH', KEYS[2], ARGV[4])
        else
          redis.call('ZADD', KEYS[2], ARGV[5], ARGV[4])
        end
        return false
        """);

    /// <summary>KEYS lock; ARGV job id. Deletes the lock only if that job holds it; 1 when it did.</summary>
    public static readonly RedisScript ReleaseUnique = new("release-unique", """
        local held = redis.call('GET', KEYS[1])
        if not held then return 0 end
        local sep = string.find(held, ' ', 1, true)
        if string.sub(held, sep + 1) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        return 1
        """);
}
