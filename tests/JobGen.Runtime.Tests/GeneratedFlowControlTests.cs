namespace JobGen.Runtime.Tests;

/// <summary>The generator turns <c>ExpiresAfterSeconds</c> and <c>[UniqueJob]</c> into the job's request.</summary>
public sealed class GeneratedFlowControlTests
{
    [Fact]
    public void A_unique_expiring_job_request_carries_its_options_and_a_plain_one_none()
    {
        var flow = JobGenRuntimeTestsJobs.CreateImportFileRequest("a.csv");
        var plain = JobGenRuntimeTestsJobs.CreateGreetRequest(1, "n", []);

        Assert.Equal(TimeSpan.FromSeconds(90), flow.ExpiresAfter);
        Assert.Equal(new UniqueOptions(UniqueUntil.LockExpires) { LockFor = TimeSpan.FromSeconds(600) }, flow.Unique);
        Assert.Null(plain.ExpiresAfter);
        Assert.Null(plain.Unique);
    }

    [Fact]
    public async Task A_generated_unique_job_is_stored_once()
    {
        var storage = new JobGen.Storage.InMemory.InMemoryJobStorage();
        var client = new JobClient(storage);
        var ct = TestContext.Current.CancellationToken;

        var first = await client.EnqueueImportFileAsync("a.csv", cancellationToken: ct);
        var second = await client.EnqueueImportFileAsync("a.csv", cancellationToken: ct);

        Assert.Equal(first, second);
        Assert.Equal(1, (await storage.GetQueueCountsAsync("imports", ct)).Ready);
    }
}

/// <summary>A job with every flow-control option the attributes offer.</summary>
public static class FlowControlJobs
{
    [BackgroundJob("tests.import-file", Queue = "imports", ExpiresAfterSeconds = 90)]
    [UniqueJob(Until = UniqueUntil.LockExpires, LockSeconds = 600)]
    public static void ImportFile(string path) => _ = path;
}
