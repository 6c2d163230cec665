using System.Diagnostics;
using Npgsql;

namespace JobGen.Storage.PostgreSql;

// Fetch: one UPDATE ... FROM (SELECT ... FOR UPDATE SKIP LOCKED) per try; waiting through LISTEN/NOTIFY.
public sealed partial class PostgreSqlJobStorage
{
    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<FetchedJob>> FetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        cancellationToken.ThrowIfCancellationRequested();
        if (queues.Count == 0)
        {
            return [];
        }

        var jobs = await TryFetchAsync(queues, max, leaseDeadline).ConfigureAwait(false);
        if (jobs.Count > 0 || wait <= TimeSpan.Zero)
        {
            return jobs;
        }

        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        var listening = _listener.EnsureListeningAsync();
        while (true)
        {
            var remaining = TimeSpan.FromTicks(Math.Max(0, (until - Stopwatch.GetTimestamp()) * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
            if (remaining <= TimeSpan.Zero)
            {
                return jobs;
            }

            var nap = remaining < _options.MaxNotificationWait ? remaining : _options.MaxNotificationWait;
            if (!listening.IsCompleted)
            {
                // Not listening yet: wait for LISTEN to take effect (bounded), so the look below cannot miss a
                // notification sent between it and the wait.
                await Task.WhenAny(listening, Task.Delay(nap, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                listening = _listener.EnsureListeningAsync();
            }

            var signal = _listener.Register(queues);
            try
            {
                jobs = await TryFetchAsync(queues, max, leaseDeadline).ConfigureAwait(false);
                if (jobs.Count > 0)
                {
                    return jobs;
                }

                await Task.WhenAny(signal.Task, Task.Delay(nap, cancellationToken)).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
            }
            finally
            {
                _listener.Remove(queues, signal);
            }

            jobs = await TryFetchAsync(queues, max, leaseDeadline).ConfigureAwait(false);
            if (jobs.Count > 0)
            {
                return jobs;
            }
        }
    }

    /// <summary>Whether a fetch is parked on <paramref name="queue"/>, listening for its notification (tests).</summary>
    internal bool IsWaiting(string queue) => _listener.IsWaiting(queue);

    // Not cancellable once sent: a fetch cancelled after its UPDATE committed would strand its leases until rescue.
    private async Task<IReadOnlyList<FetchedJob>> TryFetchAsync(IReadOnlyList<string> queues, int max, DateTimeOffset leaseDeadline)
    {
        await using var batch = WorkerBatch(_sql.Fetch(queues.Count), out var command);
        command.Parameters.Add(Value(max));
        command.Parameters.Add(Time(leaseDeadline));
        foreach (var queue in queues)
        {
            command.Parameters.Add(Value(queue));
        }

        var rows = new List<(int Order, int Priority, long Seq, FetchedJob Job)>();
        await using (var reader = await ReadWorkerBatchAsync(batch, CancellationToken.None).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var queue = reader.GetString(2);
                var job = new FetchedJob(queue, reader.GetFieldValue<byte[]>(5))
                {
                    LeaseToken = new PostgreSqlLease(reader.GetInt64(0), reader.GetInt32(1)),
                };
                rows.Add((IndexOf(queues, queue), reader.GetInt32(3), reader.GetInt64(4), job));
            }
        }

        if (rows.Count == 0)
        {
            return [];
        }

        // UPDATE ... RETURNING has no order: put the batch back in fetch order (queue order, then priority, then seq).
        rows.Sort(static (a, b) => (a.Order, a.Priority, a.Seq).CompareTo((b.Order, b.Priority, b.Seq)));
        var jobs = new FetchedJob[rows.Count];
        for (var i = 0; i < jobs.Length; i++)
        {
            jobs[i] = rows[i].Job;
        }

        return jobs;
    }

    private static int IndexOf(IReadOnlyList<string> queues, string queue)
    {
        for (var i = 0; i < queues.Count; i++)
        {
            if (string.Equals(queues[i], queue, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return queues.Count;
    }
}
