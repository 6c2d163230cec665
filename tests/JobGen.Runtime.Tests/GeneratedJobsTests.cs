using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Runtime.Tests;

/// <summary>Real jobs through the real generator, client, worker and in-memory storage.</summary>
public sealed class GeneratedJobsTests
{
    [Fact]
    public async Task Generated_enqueue_methods_and_dispatcher_run_each_job_once_with_its_arguments()
    {
        var recorder = new GeneratedJobRecorder(30);
        await using var h = WorkerHarness.Create(new TestDispatcher(), services: s => s.AddSingleton(recorder).AddJobGenRuntimeTestsJobs());
        var ct = TestContext.Current.CancellationToken;
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await h.Client.EnqueueGreetAsync(i, $"name-{i}é", ["a", i.ToString()], cancellationToken: ct));
        }

        var bulk = await h.Client.EnqueueManyAsync([.. Enumerable.Range(20, 10).Select(i => JobGenRuntimeTestsJobs.CreateGreetRequest(i, $"name-{i}é", ["a", i.ToString()]))], ct);
        ids.AddRange(bulk);
        await h.StartAsync();
        await recorder.Done.WaitAsync();
        await h.StopAsync();

        Assert.Equal(30, recorder.Runs.Count);
        foreach (var (jobId, run) in recorder.Runs)
        {
            Assert.Contains(jobId, ids);
            Assert.Equal($"name-{run.Number}é", run.Name);
            Assert.Equal(["a", run.Number.ToString()], run.Tags);
            Assert.Equal("tests", run.Queue);
        }
    }
}

/// <summary>What the generated job saw, by job id.</summary>
public sealed class GeneratedJobRecorder(int expected)
{
    public Countdown Done { get; } = new(expected);

    public ConcurrentDictionary<string, (int Number, string Name, List<string> Tags, string Queue)> Runs { get; } = new();
}

/// <summary>A job class the generator compiles into typed methods and a dispatcher.</summary>
public sealed class GreetingJobs(GeneratedJobRecorder recorder)
{
    [BackgroundJob("tests.greet", Queue = "tests")]
    public ValueTask Greet(int number, string name, List<string> tags, JobContext context, CancellationToken cancellationToken)
    {
        Assert.True(recorder.Runs.TryAdd(context.JobId, (number, name, tags, context.Queue)), "a job ran twice");
        recorder.Done.Hit();
        return ValueTask.CompletedTask;
    }
}
