using Npgsql;

namespace JobGen.Storage.PostgreSql;

/// <summary>
/// Wakes waiting fetches: one dedicated connection per storage LISTENs on the schema's channel, and each notification
/// (its payload is a queue name) releases the fetches waiting on that queue. Started by the first fetch that has to
/// wait. When the connection drops it reconnects and wakes every waiter once (notifications may have been missed);
/// meanwhile waiting fetches fall back to looking every <see cref="PostgreSqlStorageOptions.MaxNotificationWait"/>.
/// </summary>
internal sealed class PostgreSqlReadyListener : IAsyncDisposable
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private TaskCompletionSource _listening = NewSignal();
    private Task? _loop;

    public PostgreSqlReadyListener(NpgsqlDataSource dataSource, string channel)
    {
        _dataSource = dataSource;
        _channel = channel;
    }

    /// <summary>Starts listening if not yet; completes once LISTEN is in effect (or at once when already).</summary>
    public Task EnsureListeningAsync()
    {
        lock (_gate)
        {
            _loop ??= Task.Run(() => ListenLoopAsync(_stop.Token));
            return _listening.Task;
        }
    }

    /// <summary>A signal completed when work may have arrived on any of <paramref name="queues"/>; pass it to <see cref="Remove"/>.</summary>
    public TaskCompletionSource Register(IReadOnlyList<string> queues)
    {
        var signal = NewSignal();
        lock (_gate)
        {
            foreach (var queue in queues)
            {
                if (!_waiters.TryGetValue(queue, out var list))
                {
                    _waiters[queue] = list = [];
                }

                list.Add(signal);
            }
        }

        return signal;
    }

    /// <summary>Whether a fetch is parked waiting on <paramref name="queue"/> (tests).</summary>
    public bool IsWaiting(string queue)
    {
        lock (_gate)
        {
            return _listening.Task.IsCompleted && _waiters.ContainsKey(queue);
        }
    }

    public void Remove(IReadOnlyList<string> queues, TaskCompletionSource signal)
    {
        lock (_gate)
        {
            foreach (var queue in queues)
            {
                if (_waiters.TryGetValue(queue, out var list) && list.Remove(signal) && list.Count == 0)
                {
                    _waiters.Remove(queue);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is { } loop)
        {
            try
            {
                await loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopped.
            }
        }

        WakeAll();
        _stop.Dispose();
    }

    private async Task ListenLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(stop).ConfigureAwait(false);
                connection.Notification += (_, e) => Wake(e.Payload);
                await using (var listen = new NpgsqlCommand("LISTEN \"" + _channel + "\"", connection))
                {
                    await listen.ExecuteNonQueryAsync(stop).ConfigureAwait(false);
                }

                lock (_gate)
                {
                    _listening.TrySetResult();
                }

                // Whatever was enqueued while not listening is found by the waiters' next look.
                WakeAll();
                while (true)
                {
                    await connection.WaitAsync(stop).ConfigureAwait(false);
                }
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (_listening.Task.IsCompleted)
                    {
                        _listening = NewSignal();
                    }
                }

                try
                {
                    await Task.Delay(ReconnectDelay, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake(string queue)
    {
        List<TaskCompletionSource>? woken;
        lock (_gate)
        {
            if (!_waiters.Remove(queue, out woken))
            {
                return;
            }
        }

        foreach (var signal in woken)
        {
            signal.TrySetResult();
        }
    }

    private void WakeAll()
    {
        List<TaskCompletionSource> woken;
        lock (_gate)
        {
            woken = [.. _waiters.Values.SelectMany(list => list)];
            _waiters.Clear();
        }

        foreach (var signal in woken)
        {
            signal.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
