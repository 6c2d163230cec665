using JobGen.Chaos;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// The crash test in CI size, through the same code as <c>dotnet run --project tests/JobGen.Chaos</c>:
/// 3 worker processes drain 20,000 jobs while a random one is SIGKILLed and restarted 3 times.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class CrashTests
{
    [Fact]
    public async Task Worker_kills_lose_no_job_and_rerun_only_jobs_in_flight_at_a_kill()
    {
        var options = new ChaosOptions { Jobs = 20_000, Kills = 3, Workers = 3, Seed = 7, KillInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromMinutes(3) };
        using var log = new StringWriter();

        var result = await ChaosRun.RunAsync(options, log, TestContext.Current.CancellationToken);

        ChaosEnvironment.Log(log.ToString() + result.DetailLine + Environment.NewLine + result.SummaryLine);
        Assert.Equal(0, result.Lost);
        Assert.Equal(20_000, result.Executed);
        Assert.Equal(3, result.Kills);
        Assert.InRange(result.Reruns, 0, result.RerunBound);
        Assert.Equal(0, result.RerunsOutsideKills);
    }
}
