using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>
/// Waits, without polling, until one queue's ready list is non-empty. It sends
/// <c>BLMOVE ready ready RIGHT RIGHT timeout</c> on a dedicated connection: Redis answers as soon as the list has
/// an element, and the "move" takes the tail and puts it straight back on the tail, atomically, so the list is
/// unchanged and a process killed while blocked holds nothing. Enqueue stays a plain LPUSH.
/// A single-queue fetch also pipelines its fetch script right behind the BLMOVE on the same connection: Redis
/// runs it the moment the BLMOVE returns, so the job comes back without another round trip (docs/redis.md).
/// All fetches of this process waiting on this queue share one outstanding BLMOVE. A cancelled fetch ends it with
/// <see cref="Abandon"/> rather than letting it run out its block.
/// </summary>
internal sealed class RedisReadyWaiter : IDisposable
{
    private static readonly TimeSpan MinBlock = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly ConfigurationOptions _blockingOptions;
    private readonly RedisKey _ready;
    private readonly TimeSpan _maxBlock;
    private Task<ConnectionMultiplexer>? _connection; // opened on the first wait, and again after Abandon
    private Task<RedisResult?>? _blocking;
    private volatile bool _disposed;

    public RedisReadyWaiter(ConfigurationOptions blockingOptions, RedisKey ready, TimeSpan maxBlock)
    {
        _blockingOptions = blockingOptions;
        _ready = ready;
        _maxBlock = maxBlock;
    }

    /// <summary>
    /// A BLMOVE is parked on the queue right now, so its ready list was empty when Redis last looked (a push would
    /// already be ending the BLMOVE).
    /// </summary>
    public bool IsParked
    {
        get
        {
            lock (_gate)
            {
                return _blocking is { IsCompleted: false };
            }
        }
    }

    /// <summary>The longest single block this waiter sends.</summary>
    public TimeSpan MaxBlock => _maxBlock;

    /// <summary>Completes when the ready list may hold work (or a blocking wait of at most <paramref name="upTo"/> ended).</summary>
    public Task WaitAsync(TimeSpan upTo)
    {
        lock (_gate)
        {
            if (_blocking is null || _blocking.IsCompleted)
            {
                _blocking = BlockAsync(ConnectionLocked(), Clamp(upTo), null, null);
            }

            return _blocking;
        }
    }

    /// <summary>
    /// Blocks for at most <paramref name="upTo"/> and then runs the fetch script with <paramref name="fetchKeys"/> and
    /// <paramref name="fetchArgs"/>; the task's result is the script's (null when the wait failed). Returns null, sending
    /// nothing, when another wait on this queue is already outstanding: the caller then waits on that one instead.
    /// </summary>
    public Task<RedisResult?>? TryWaitAndFetch(TimeSpan upTo, RedisKey[] fetchKeys, RedisValue[] fetchArgs)
    {
        lock (_gate)
        {
            if (_blocking is { IsCompleted: false })
            {
                return null;
            }

            _blocking = BlockAsync(ConnectionLocked(), Clamp(upTo), fetchKeys, fetchArgs);
            return _blocking;
        }
    }

    /// <summary>
    /// Ends the outstanding wait now (its fetch was cancelled): closes the blocking connection without waiting for its
    /// replies, so Redis drops the parked BLMOVE together with the fetch queued behind it, and the wait's task
    /// completes at once with a null result. The next wait opens a new connection. Only if the BLMOVE had already
    /// returned and the fetch ran is its reply lost: those leases expire and the rescuer returns the jobs.
    /// </summary>
    public void Abandon()
    {
        Task<ConnectionMultiplexer>? connection;
        lock (_gate)
        {
            connection = _connection;
            _connection = null;
        }

        CloseNow(connection);
    }

    public void Dispose()
    {
        _disposed = true;
        Abandon();
    }

    // A graceful close (Dispose) would send QUIT behind the parked BLMOVE and wait for its reply, that is until the
    // BLMOVE's own timeout: up to MaxBlockingWait on every shutdown. Close(false) drops the socket instead.
    private static void CloseNow(Task<ConnectionMultiplexer>? connection)
    {
        if (connection is null)
        {
            return;
        }

        if (connection.IsCompleted)
        {
            if (connection.IsCompletedSuccessfully)
            {
                Close(connection.Result);
            }
        }
        else
        {
            // Still connecting: close it once it is there.
            _ = connection.ContinueWith(static t => Close(t.Result), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }

        static void Close(ConnectionMultiplexer multiplexer)
        {
            multiplexer.Close(allowCommandsToComplete: false);
            multiplexer.Dispose();
        }
    }

    // Under _gate. A connect that failed outright is tried again on the next wait; after Dispose none is opened.
    private Task<ConnectionMultiplexer> ConnectionLocked()
    {
        if (_disposed)
        {
            return Task.FromException<ConnectionMultiplexer>(new ObjectDisposedException(nameof(RedisJobStorage)));
        }

        if (_connection is null || _connection.IsFaulted || _connection.IsCanceled)
        {
            _connection = ConnectionMultiplexer.ConnectAsync(_blockingOptions);
        }

        return _connection;
    }

    private TimeSpan Clamp(TimeSpan upTo) => upTo < MinBlock ? MinBlock : upTo > _maxBlock ? _maxBlock : upTo;

    private async Task<RedisResult?> BlockAsync(Task<ConnectionMultiplexer> connection, TimeSpan block, RedisKey[]? fetchKeys, RedisValue[]? fetchArgs)
    {
        var failed = false;
        RedisResult? result = null;
        try
        {
            var db = (await connection.ConfigureAwait(false)).GetDatabase();
            var seconds = block.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            var blocked = db.ExecuteAsync("BLMOVE", [_ready, _ready, "RIGHT", "RIGHT", seconds], CommandFlags.None);
            if (fetchKeys is null)
            {
                await blocked.ConfigureAwait(false);
            }
            else
            {
                // Queued on the same connection behind the BLMOVE, so the server runs it right after the BLMOVE
                // returns. Awaiting the fetch alone saves a thread hop; the BLMOVE has finished by then.
                var fetched = RedisScripts.Fetch.EvaluateAsync(db, fetchKeys, fetchArgs!);
                try
                {
                    result = await fetched.ConfigureAwait(false);
                }
                finally
                {
                    // Observe the BLMOVE's outcome (a failure means the connection broke).
                    await blocked.ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (IsConnectionTrouble(ex))
        {
            // If the server ran the fetch but the reply was lost, those leases expire and are rescued.
            failed = true;
        }

        if (failed && !_disposed && IsCurrent(connection))
        {
            // Redis is unreachable (restart, failover): let the fetch retry its own command, which reports the
            // error, but never spin on a dead blocking connection.
            await Task.Delay(ErrorBackoff).ConfigureAwait(false);
        }

        return result;
    }

    // False once the wait was abandoned: its connection was closed on purpose, there is nothing to back off from.
    private bool IsCurrent(Task<ConnectionMultiplexer> connection)
    {
        lock (_gate)
        {
            return ReferenceEquals(_connection, connection);
        }
    }

    private static bool IsConnectionTrouble(Exception ex) => ex is RedisException or ObjectDisposedException or TimeoutException;
}
