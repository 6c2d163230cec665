using JobGen.Benchmarks.E2e;
using JobGen.Benchmarks.Worker;
using Xunit;

namespace JobGen.Benchmarks.Tests;

public sealed class HarnessHelperTests
{
    [Fact]
    public void Options_parse_the_documented_flags()
    {
        var options = E2eOptions.Parse(["--redis", "127.0.0.1:7000", "--jobs", "500", "--concurrency", "4", "--no-ceilings"]);
        Assert.Equal("127.0.0.1:7000", options.Redis);
        Assert.Equal(500, options.Jobs);
        Assert.Equal(4, options.Concurrency);
        Assert.False(options.Ceilings);
    }

    [Fact]
    public void Quick_is_ten_thousand_jobs_without_ceilings_on_the_jit_worker()
    {
        var options = E2eOptions.Parse(["--quick"]);
        Assert.Equal(10_000, options.Jobs);
        Assert.False(options.Ceilings);
        Assert.Equal(["jit"], options.Workers);
    }

    [Fact]
    public void A_full_run_uses_both_workers_and_worker_picks_them()
    {
        Assert.Equal(["aot", "jit"], E2eOptions.Parse([]).Workers);
        Assert.Equal(["aot"], E2eOptions.Parse(["--worker", "aot"]).Workers);
        Assert.Equal(["aot"], E2eOptions.Parse(["--quick", "--worker", "aot"]).Workers);
        Assert.Equal(["aot", "jit"], E2eOptions.Parse(["--quick", "--worker", "both"]).Workers);
        Assert.Throws<ArgumentException>(() => E2eOptions.Parse(["--worker", "native"]));
    }

    [Fact]
    public void The_gen0_cap_of_the_jit_worker_is_the_one_baked_into_the_aot_worker()
    {
        // Native AOT reads DOTNET_ numbers as hexadecimal and rejects a 0x prefix.
        Assert.Equal(new KeyValuePair<string, string>("DOTNET_GCGen0MaxBudget", "400000"), WorkerGc.EnvironmentVariable);
        var csproj = Path.Combine(RepositoryRoot(), "tests", "JobGen.Benchmarks.AotWorker", "JobGen.Benchmarks.AotWorker.csproj");
        Assert.Contains($"""<RuntimeHostConfigurationOption Include="System.GC.Gen0MaxBudget" Value="{WorkerGc.Gen0MaxBudget}" />""", File.ReadAllText(csproj), StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "JobGen.sln")))
        {
            dir = dir.Parent ?? throw new InvalidOperationException("JobGen.sln not found");
        }

        return dir.FullName;
    }

    [Fact]
    public void Options_refuse_unknown_flags_and_bad_numbers()
    {
        Assert.Throws<ArgumentException>(() => E2eOptions.Parse(["--jbos", "5"]));
        Assert.Throws<ArgumentException>(() => E2eOptions.Parse(["--jobs", "-5"]));
        Assert.Throws<ArgumentException>(() => E2eOptions.Parse(["--jobs"]));
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var sorted = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        Assert.Equal(50, Percentiles.Of(sorted, 50));
        Assert.Equal(99, Percentiles.Of(sorted, 99));
        Assert.Equal(100, Percentiles.Of(sorted, 100));
        Assert.Equal(7, Percentiles.Of([7.0], 99));
    }

    [Fact]
    public void Result_line_is_one_json_object_without_the_fields_that_do_not_apply()
    {
        var json = new ResultLine("drain") { Jobs = 100, JobsPerSec = 1234.4, RssMb = 31.26 }.ToJson();
        Assert.Equal("""{"workload":"drain","jobs":100,"jobs_per_sec":1234,"rss_mb":31.3}""", json);
    }
}

[Collection(LedgerCollection.Name)]
public sealed class RunLedgerTests
{
    [Fact]
    public void Every_job_once_verifies()
    {
        RunLedger.Reset(3);
        RunLedger.Mark(0);
        RunLedger.Mark(2);
        RunLedger.Mark(1);
        Assert.True(RunLedger.AllRan.IsCompleted);
        Assert.Null(RunLedger.Verify());
    }

    [Fact]
    public void A_lost_job_hidden_by_a_duplicate_is_caught()
    {
        RunLedger.Reset(3);
        RunLedger.Mark(0);
        RunLedger.Mark(0);
        RunLedger.Mark(2);
        Assert.True(RunLedger.AllRan.IsCompleted); // the count alone says "done"...
        var error = RunLedger.Verify();             // ...the ledger does not
        Assert.NotNull(error);
        Assert.Contains("1 never ran, 1 ran more than once", error, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LedgerCollection
{
    /// <summary>Tests that use the static run ledgers.</summary>
    public const string Name = "ledger";
}
