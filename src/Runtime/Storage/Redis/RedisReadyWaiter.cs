using System.Globalization;
using StackExchange.Redis;

namespace JobGen.Storage.Redis;

/// <summary>
/// Waits, without polling, until one queue's ready list is non-empty. It sends
/// <c>BLMOVE ready ready RIGHT RIGHT timeout</c> on a dedicated connection: Redis answers as soon as the list has
/// an element, and the "move" takes the tail and puts it straight back on the tail, atomically, so the list
/// is unchanged and a process killed while blocked holds nothing. Enqueue stays a plain LPUSH.
/// All fetches waiting on this queue in this process share one outstanding BLMOVE.
/// </summary>
internal sealed class RedisReadyWaiter : IDisposable
{
    private static readonly TimeSpan MinBlock = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly RedisKey _ready;
    private readonly TimeSpan _maxBlock;
    private Task? _blocking;
    private volatile bool _disposed;

    public RedisReadyWaiter(ConfigurationOptions blockingOptions, RedisKey ready, TimeSpan maxBlock)
    {
        _ready = ready;
        _maxBlock = maxBlock;
        _connection = new Lazy<Task<ConnectionMultiplexer>>(() => ConnectionMultiplexer.ConnectAsync(blockingOptions));
    }

    /// <summary>Completes when the ready list may hold work (or a blocking wait of at most <paramref name="upTo"/> ended).</summary>
    public Task WaitAsync(TimeSpan upTo)
    {
        lock (_gate)
        {
            if (_blocking is null || _blocking.IsCompleted)
            {
                var block = upTo < MinBlock ? MinBlock : upTo > _maxBlock ? _maxBlock : upTo;
                _blocking = BlockAsync(block);
            }

            return _blocking;
        }
    }

    private async Task BlockAsync(TimeSpan block)
    {
        try
        {
            var connection = await _connection.Value.ConfigureAwait(false);
            var seconds = block.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            await connection.GetDatabase().ExecuteAsync("BLMOVE", [_ready, _ready, "RIGHT", "RIGHT", seconds], CommandFlags.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or ObjectDisposedException or TimeoutException)
        {
            // Redis is unreachable (restart, failover) or we are shutting down: let the fetch loop retry its own
            // command, which reports the error, but never spin on a dead blocking connection.
            if (!_disposed)
            {
                await Task.Delay(ErrorBackoff).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        _disposed = true;
        if (_connection.IsValueCreated)
        {
            // Still connecting: dispose it once it is there.
            _ = _connection.Value.ContinueWith(static t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }
}
