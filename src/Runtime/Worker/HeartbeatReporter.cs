using JobGen.Storage;

namespace JobGen.Worker;

/// <summary>
/// Registers this process with its busy count and the jobs it runs now (up to <see cref="ProcessInfo.MaxRunningReported"/>)
/// every heartbeat interval and reads the signal an operator left for it
/// (quiet, stop); deregisters it at shutdown.
/// </summary>
internal sealed class HeartbeatReporter
{
    /// <summary>Reported as the worker's version.</summary>
    public const string Version = ProductVersion.Value;

    private readonly WorkerDependencies _deps;
    private readonly HeldJobs _held;
    private readonly RunningJobs _running;
    private readonly IReadOnlyList<string> _queues;
    private readonly DateTimeOffset _startedAt;
    private readonly Action<ProcessSignal> _onSignal;

    public HeartbeatReporter(WorkerDependencies deps, HeldJobs held, RunningJobs running, IReadOnlyList<string> queues, Action<ProcessSignal> onSignal)
    {
        _running = running;
        _deps = deps;
        _onSignal = onSignal;
        _held = held;
        _queues = queues;
        _startedAt = deps.Time.GetUtcNow();
        ProcessId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
    }

    /// <summary>This process's id in the storage.</summary>
    public string ProcessId { get; }

    /// <summary>When the last heartbeat reached the storage (null before the first one).</summary>
    public DateTimeOffset? LastBeatAt { get; private set; }

    public async ValueTask BeatAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessInfo(
            ProcessId,
            Environment.MachineName,
            Environment.ProcessId,
            _queues,
            _deps.Worker.Concurrency,
            _held.Running,
            _startedAt,
            Version)
        {
            Running = _running.Snapshot(ProcessInfo.MaxRunningReported),
        };
        var now = _deps.Time.GetUtcNow();
        await _deps.Storage.HeartbeatAsync(info, _deps.Worker.HeartbeatTtl, now, cancellationToken).ConfigureAwait(false);
        LastBeatAt = now;
        var signal = await _deps.Storage.GetProcessSignalAsync(ProcessId, cancellationToken).ConfigureAwait(false);
        if (signal != ProcessSignal.None)
        {
            _onSignal(signal);
        }
    }

    public ValueTask RemoveAsync(CancellationToken cancellationToken) => _deps.Storage.RemoveProcessAsync(ProcessId, cancellationToken);
}
