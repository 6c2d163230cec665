namespace JobGen.Worker;

/// <summary>
/// Extends the lease of every job this worker holds (running or waiting in the channel) every third of the
/// lease duration, so a long job is never rescued from a live worker; a crashed worker stops renewing and its
/// jobs are rescued once the lease runs out.
/// </summary>
internal sealed class LeaseRenewer
{
    private readonly WorkerDependencies _deps;
    private readonly HeldJobs _held;

    public LeaseRenewer(WorkerDependencies deps, HeldJobs held)
    {
        _deps = deps;
        _held = held;
    }

    public TimeSpan Interval => _deps.Worker.LeaseDuration / 3;

    public async ValueTask RenewAsync(CancellationToken cancellationToken)
    {
        var jobs = _held.Snapshot();
        if (jobs.Length == 0)
        {
            return;
        }

        var deadline = _deps.Time.GetUtcNow() + _deps.Worker.LeaseDuration;
        await _deps.Storage.RenewLeasesAsync(jobs, deadline, cancellationToken).ConfigureAwait(false);
    }
}
