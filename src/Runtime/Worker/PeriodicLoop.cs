using Microsoft.Extensions.Logging;

namespace JobGen.Worker;

/// <summary>
/// Runs one housekeeping step (poller, lease renewer, heartbeat, stats flush) on an interval of the worker's
/// <see cref="TimeProvider"/> until stopped. A failing step is logged and tried again next time.
/// </summary>
internal static class PeriodicLoop
{
    public static async Task RunAsync(
        string name,
        Func<CancellationToken, ValueTask> step,
        Func<TimeSpan> nextInterval,
        bool runFirstImmediately,
        TimeProvider time,
        ILogger logger,
        CancellationToken stopping)
    {
        var first = true;
        while (!stopping.IsCancellationRequested)
        {
            if (!(first && runFirstImmediately))
            {
                try
                {
                    await Task.Delay(nextInterval(), time, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }

            first = false;
            try
            {
                await step(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                WorkerLog.LoopFailed(logger, ex, name);
            }
        }
    }

    /// <summary>An interval drawn uniformly from 50% to 150% of <paramref name="average"/>, so many processes spread out.</summary>
    public static TimeSpan Jittered(TimeSpan average) => average * (0.5 + Random.Shared.NextDouble());
}
