using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Collects the acks of finished jobs and sends them in batches (<see cref="IJobStorage.AckManyAsync"/>): one
/// round trip at a time, carrying every ack that arrived while the previous one was on the wire. There is no timer:
/// an ack on an idle worker leaves at once, and under load the batches grow by themselves. A processor does not
/// wait for its ack unless <see cref="MaxPending"/> acks are already waiting (back-pressure when the storage is slow).
/// Crash semantics stay at-least-once: an ack not yet sent when the process dies leaves its lease in flight, and the
/// job runs again once the lease expires. A graceful stop sends every pending ack (<see cref="FlushAsync"/>).
/// </summary>
internal sealed class AckBatcher
{
    /// <summary>Pending acks beyond which a processor waits for the next round trip.</summary>
    public const int MaxPending = 4096;

    private readonly WorkerDependencies _deps;
    private readonly object _gate = new();
    private List<FetchedJob> _pending = [];
    private List<FetchedJob> _spare = [];
    private Task _sending = Task.CompletedTask;
    private bool _isSending;
    private TaskCompletionSource _roundDone = NewRound();

    public AckBatcher(WorkerDependencies deps) => _deps = deps;

    /// <summary>Queues the ack of a finished job; completes at once unless too many acks are pending.</summary>
    public ValueTask AddAsync(FetchedJob job)
    {
        Task? wait = null;
        var start = false;
        lock (_gate)
        {
            _pending.Add(job);
            if (!_isSending)
            {
                _isSending = start = true;
            }
            else if (_pending.Count >= MaxPending)
            {
                wait = _roundDone.Task;
            }
        }

        if (start)
        {
            // Runs inline up to the storage call, so the ack is on the wire before this returns.
            _sending = SendLoopAsync();
        }

        return wait is null ? ValueTask.CompletedTask : new ValueTask(wait);
    }

    /// <summary>Sends every pending ack (graceful stop, after the processors are done).</summary>
    public async Task FlushAsync()
    {
        while (true)
        {
            Task? sending;
            lock (_gate)
            {
                if (!_isSending)
                {
                    if (_pending.Count == 0)
                    {
                        return;
                    }

                    _isSending = true;
                    sending = null;
                }
                else
                {
                    sending = _sending;
                }
            }

            if (sending is null)
            {
                await SendLoopAsync().ConfigureAwait(false);
            }
            else if (sending.IsCompleted)
            {
                await Task.Yield(); // a loop just started and has not published its task yet
            }
            else
            {
                await sending.ConfigureAwait(false);
            }
        }
    }

    private async Task SendLoopAsync()
    {
        while (true)
        {
            List<FetchedJob> batch;
            TaskCompletionSource round;
            lock (_gate)
            {
                if (_pending.Count == 0)
                {
                    _isSending = false;
                    return;
                }

                batch = _pending;
                _pending = _spare;
                round = _roundDone;
                _roundDone = NewRound();
            }

            await SendAsync(batch).ConfigureAwait(false);
            batch.Clear();
            lock (_gate)
            {
                _spare = batch;
            }

            round.TrySetResult();
        }
    }

    // The batch list itself goes to the storage: it is cleared only after this returns.
    private async Task SendAsync(List<FetchedJob> batch)
    {
        try
        {
            var acked = await _deps.Storage.AckManyAsync(batch, CancellationToken.None).ConfigureAwait(false);
            for (var i = 0; i < acked.Length; i++)
            {
                if (!acked[i])
                {
                    LogLeaseLost(batch[i]);
                }
            }
        }
        catch (Exception ex)
        {
            // The leases stay in flight, expire, and the rescuer returns the jobs: they run again (at least once).
            WorkerLog.AcksNotStored(_deps.Logger, ex, batch.Count);
        }
    }

    // Rare (the lease expired and was rescued while the job ran): decode the payload again for the log line rather
    // than keep every pending ack's envelope.
    private void LogLeaseLost(FetchedJob job)
    {
        try
        {
            var envelope = EnvelopeSerializer.Deserialize(job.Payload);
            WorkerLog.LeaseLost(_deps.Logger, envelope.Job, envelope.Id);
        }
        catch (JobPayloadException)
        {
            WorkerLog.LeaseLost(_deps.Logger, "(undecodable)", "(undecodable)");
        }
    }

    private static TaskCompletionSource NewRound() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
