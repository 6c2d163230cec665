namespace JobGen.Storage.Redis;

/// <summary>
/// The Lua scripts behind every multi-key step. Each one touches the keys of ONE queue (one hash slot).
/// An in-flight member is a 16-hex-digit lease number followed by the payload; <see cref="RedisLease"/>
/// builds and splits it. Scores are unix milliseconds. docs/redis.md explains each script.
/// </summary>
internal static class RedisScripts
{
    /// <summary>
    /// KEYS ready, inflight, lease-seq; ARGV max, deadline. Pops up to max from the tail of ready, leases each under a
    /// fresh number, returns the members. The leases go in with one ZADD per 500 jobs (one command instead of one per
    /// job: Redis's own CPU per job is what bounds the drain); unpack stays far below Lua's stack limit.
    /// </summary>
    public static readonly RedisScript Fetch = new("fetch", """
        local items = redis.call('RPOP', KEYS[1], ARGV[1])
        if not items then return {} end
        local last = redis.call('INCRBY', KEYS[3], #items)
        local first = last - #items
        local args = {}
        for i = 1, #items do
          local member = string.format('%016x', first + i) .. items[i]
          items[i] = member
          args[2 * i - 1] = ARGV[2]
          args[2 * i] = member
        end
        for i = 1, #args, 1000 do
          redis.call('ZADD', KEYS[2], unpack(args, i, math.min(i + 999, #args)))
        end
        return items
        """);

    /// <summary>
    /// KEYS inflight; ARGV members (at most <see cref="AckManyChunk"/>). Drops every lease still held and returns the
    /// 1-based positions of the members already gone (a lease lost to a rescue): two commands for the whole batch and
    /// a reply that is empty in the normal case, not one flag per job.
    /// </summary>
    public static readonly RedisScript AckMany = new("ack-many", """
        local scores = redis.call('ZMSCORE', KEYS[1], unpack(ARGV))
        redis.call('ZREM', KEYS[1], unpack(ARGV))
        local gone = {}
        for i = 1, #ARGV do
          if not scores[i] then gone[#gone + 1] = i end
        end
        return gone
        """);

    /// <summary>Most members per <see cref="AckMany"/> call (Lua's unpack limit is near 8,000).</summary>
    public const int AckManyChunk = 1000;

    /// <summary>KEYS inflight, scheduled; ARGV member, due, payload. Schedules the retry only if the lease is still held.</summary>
    public static readonly RedisScript Retry = new("retry", """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
        return 1
        """);

    /// <summary>KEYS inflight, dead; ARGV member, now, record, maxJobs, cutoff. Moves a held lease's record to dead, then trims by age and count (also <see cref="KillScheduled"/>).</summary>
    public static readonly RedisScript Kill = new("kill", """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('ZADD', KEYS[2], ARGV[2], ARGV[3])
        redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', '(' .. ARGV[5])
        local extra = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[4])
        if extra > 0 then redis.call('ZREMRANGEBYRANK', KEYS[2], 0, extra - 1) end
        return 1
        """);

    /// <summary>KEYS inflight, ready; ARGV members in fetch order. Returns held leases to the tail (front) of ready, first member frontmost.</summary>
    public static readonly RedisScript Requeue = new("requeue", """
        local n = 0
        for i = #ARGV, 1, -1 do
          if redis.call('ZREM', KEYS[1], ARGV[i]) == 1 then
            redis.call('RPUSH', KEYS[2], string.sub(ARGV[i], 17))
            n = n + 1
          end
        end
        return n
        """);

    /// <summary>KEYS scheduled, ready; ARGV now, max. Moves due payloads (score &lt;= now), earliest first, to the back of ready.</summary>
    public static readonly RedisScript PromoteDue = new("promote", """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, ARGV[2])
        for i = 1, #due do
          redis.call('ZREM', KEYS[1], due[i])
          redis.call('LPUSH', KEYS[2], due[i])
        end
        return #due
        """);

    /// <summary>KEYS inflight, ready; ARGV now, max. Returns expired leases (deadline &lt; now) to the front of ready, earliest expired frontmost.</summary>
    public static readonly RedisScript RescueExpired = new("rescue", """
        local expired = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[1], 'LIMIT', 0, ARGV[2])
        for i = #expired, 1, -1 do
          redis.call('ZREM', KEYS[1], expired[i])
          redis.call('RPUSH', KEYS[2], string.sub(expired[i], 17))
        end
        return #expired
        """);

    /// <summary>KEYS dead, ready; ARGV record, payload. Removes the dead record and enqueues the payload, or does nothing if the record is gone.</summary>
    public static readonly RedisScript RetryDead = new("retry-dead", """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        redis.call('LPUSH', KEYS[2], ARGV[2])
        return 1
        """);

    /// <summary>KEYS ready; returns the list's length, then unlinks it (freed in the background on the server).</summary>
    public static readonly RedisScript ClearReady = new("clear-ready", """
        local n = redis.call('LLEN', KEYS[1])
        redis.call('UNLINK', KEYS[1])
        return n
        """);

    /// <summary>KEYS scheduled, ready; ARGV payload, runNow (1/0). Removes a scheduled payload; with runNow puts it at the tail (front) of ready.</summary>
    public static readonly RedisScript RemoveScheduled = new("remove-scheduled", """
        if redis.call('ZREM', KEYS[1], ARGV[1]) == 0 then return 0 end
        if ARGV[2] == '1' then redis.call('RPUSH', KEYS[2], ARGV[1]) end
        return 1
        """);

    /// <summary>
    /// KEYS scheduled, dead; ARGV payload, now, record, maxJobs, cutoff. An operator's kill of a scheduled job or retry:
    /// the same move as <see cref="Kill"/> (out of one sorted set into dead, then the trims), from the scheduled set;
    /// does nothing if the payload is not scheduled any more.
    /// </summary>
    public static readonly RedisScript KillScheduled = Kill;

    /// <summary>
    /// KEYS ticks, ready; ARGV schedule, tick (ms), payload. Claims the tick and enqueues the payload only if it is later
    /// than the schedule's last claimed tick: the exactly-once step of recurring schedules (one queue's slot).
    /// </summary>
    public static readonly RedisScript ClaimTick = new("claim-tick", """
        local last = redis.call('HGET', KEYS[1], ARGV[1])
        if last and tonumber(last) >= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        redis.call('LPUSH', KEYS[2], ARGV[3])
        return 1
        """);

    /// <summary>KEYS ticks; ARGV schedule, tick (ms). Raises the schedule's last claimed tick to the value given (a schedule moved to this queue).</summary>
    public static readonly RedisScript RaiseLastTick = new("raise-last-tick", """
        local last = redis.call('HGET', KEYS[1], ARGV[1])
        if last and tonumber(last) >= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
        return 1
        """);
}
