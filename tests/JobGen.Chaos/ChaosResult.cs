namespace JobGen.Chaos;

/// <summary>
/// What a chaos run measured. <see cref="Executed"/> counts distinct job numbers that ran; a rerun is any run
/// beyond a job's first. <see cref="RerunBound"/> is the most re-runs the kills can explain: each SIGKILL can
/// only strand the jobs its worker held (running plus fetched-ahead). <see cref="RerunsOutsideKills"/> counts
/// earlier runs of re-run jobs made by a process that was never killed: a re-run nothing explains (must be 0).
/// <see cref="Restarted"/> counts jobs that started more than once: in flight at a kill, rescued and run again
/// (a killed run that had not finished its work is not a re-run, since its body never completed). On PostgreSQL,
/// <see cref="DbRestarts"/> counts database crashes; a re-run is also explained when its earlier run ended during
/// one (from just before the crash to a few seconds after the restart), and the bound grows by those runs.
/// </summary>
public sealed record ChaosResult(
    int Jobs, long Executed, long Reruns, int Kills, long RerunBound, long RerunsOutsideKills, long Restarted, TimeSpan Elapsed, int Seed)
{
    public long Lost => Jobs - Executed;

    /// <summary>Database crashes (<c>pg_ctl stop -m immediate</c> and restart) made.</summary>
    public int DbRestarts { get; init; }

    /// <summary>How the enqueue tried during each database outage ended (an exception type name: it must fail).</summary>
    public IReadOnlyList<string> OutageEnqueues { get; init; } = [];

    /// <summary>The one-line summary that CI reads; the driver prints it last.</summary>
    public string SummaryLine => $"jobs={Jobs} executed={Executed} lost={Lost} reruns={Reruns} kills={Kills}" + (DbRestarts > 0 ? $" db_restarts={DbRestarts}" : "");

    public string DetailLine =>
        $"restarted={Restarted} rerun_bound={RerunBound} reruns_outside_kills={RerunsOutsideKills} elapsed_s={Elapsed.TotalSeconds:F1} " +
        $"jobs_per_s={Jobs / Math.Max(0.001, Elapsed.TotalSeconds):F0} seed={Seed}";
}
