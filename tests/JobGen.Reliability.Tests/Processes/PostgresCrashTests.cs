using JobGen.Chaos;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// The crash test on PostgreSQL in CI size, through the same code as <c>dotnet run --project tests/JobGen.Chaos --
/// --storage postgres</c>: 2 worker processes drain 4,000 jobs from a private PostgreSQL (fsync on) while one worker
/// is SIGKILLed and restarted and the server itself is crashed (<c>pg_ctl stop -m immediate</c>) and restarted.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class PostgresCrashTests
{
    [Fact]
    public async Task Worker_kills_and_a_database_crash_lose_no_job_and_rerun_only_jobs_in_flight()
    {
        var options = new ChaosOptions
        {
            Storage = "postgres",
            Jobs = 4_000,
            Kills = 1,
            DbRestarts = 1,
            Workers = 2,
            JobMilliseconds = 40,
            Seed = 11,
            KillInterval = TimeSpan.FromSeconds(0.5),
            Timeout = TimeSpan.FromMinutes(3),
        };
        using var log = new StringWriter();

        var result = await ChaosRun.RunAsync(options, log, TestContext.Current.CancellationToken);

        ChaosEnvironment.Log(log.ToString() + result.DetailLine + Environment.NewLine + result.SummaryLine);
        Assert.Equal(0, result.Lost);
        Assert.Equal(4_000, result.Executed);
        Assert.Equal(1, result.Kills);
        Assert.Equal(1, result.DbRestarts);
        Assert.All(result.OutageEnqueues, outcome => Assert.StartsWith("Npgsql.", outcome, StringComparison.Ordinal)); // the driver's exception
        Assert.InRange(result.Reruns, 0, result.RerunBound);
        Assert.Equal(0, result.RerunsOutsideKills);
    }
}
