using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>
/// One step of the poller (Sidekiq's scheduled.rb plus the rescuer): for every known queue, moves scheduled jobs
/// that are due (delayed jobs and retries) to ready, and returns expired leases (crashed or stuck workers) to
/// ready. Safe with many processes polling at once: each storage call is atomic. It also rereads the paused queues.
/// </summary>
internal sealed class SchedulePoller
{
    private const int BatchSize = 1000;
    private readonly WorkerDependencies _deps;
    private readonly PausedQueues _paused;

    public SchedulePoller(WorkerDependencies deps, PausedQueues paused)
    {
        _deps = deps;
        _paused = paused;
    }

    public async ValueTask PollAsync(CancellationToken cancellationToken)
    {
        await _paused.RefreshAsync(_deps.Storage, cancellationToken).ConfigureAwait(false);
        var queues = await _deps.Storage.GetQueuesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var queue in queues)
        {
            var now = _deps.Time.GetUtcNow();
            int promoted = 0, rescued = 0, moved;
            do
            {
                moved = await _deps.Storage.PromoteDueAsync(queue, now, BatchSize, cancellationToken).ConfigureAwait(false);
                promoted += moved;
            }
            while (moved == BatchSize);

            do
            {
                moved = await _deps.Storage.RescueExpiredAsync(queue, now, BatchSize, cancellationToken).ConfigureAwait(false);
                rescued += moved;
            }
            while (moved == BatchSize);

            if (promoted + rescued > 0 && _deps.Logger.IsEnabled(LogLevel.Debug))
            {
                WorkerLog.Polled(_deps.Logger, queue, promoted, rescued);
            }
        }
    }
}
