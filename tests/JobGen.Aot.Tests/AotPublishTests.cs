namespace JobGen.Aot.Tests;

/// <summary>The worker publishes with Native AOT, with no trim or AOT warning from anything it contains.</summary>
[Collection(PublishedWorkerCollection.Name)]
public sealed class AotPublishTests(PublishedWorker worker)
{
    [Fact]
    public void Worker_publishes_as_native_aot_with_no_trim_or_aot_warnings()
    {
        Assert.True(worker.TrimAndAotDiagnostics.Count == 0,
            $"dotnet publish of samples/Worker reported {worker.TrimAndAotDiagnostics.Count} trim/AOT diagnostics:{Environment.NewLine}"
            + string.Join(Environment.NewLine, worker.TrimAndAotDiagnostics));
        worker.EnsureSucceeded();
        Assert.True(new FileInfo(worker.Executable).Length > 1_000_000, "the published Worker is not a native executable");
    }
}
