using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
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

    [Fact]
    public async Task A_payload_with_a_byte_after_valid_arguments_is_dead_as_bad_arguments_and_the_jobs_around_it_run()
    {
        var recorder = new GeneratedJobRecorder(10);
        await using var h = WorkerHarness.Create(new TestDispatcher(), services: s => s.AddSingleton(recorder).AddJobGenRuntimeTestsJobs());
        var ct = TestContext.Current.CancellationToken;
        var valid = JobGenRuntimeTestsJobs.CreateGreetRequest(99, "trailing", ["t"]);
        var withExtraByte = valid with { Arguments = (byte[])[.. valid.Arguments.Span, 0xc0] }; // one nil after the array
        for (var i = 0; i < 10; i++)
        {
            await h.Client.EnqueueGreetAsync(i, $"name-{i}", [], cancellationToken: ct);
            if (i == 4)
            {
                await h.Client.EnqueueAsync(withExtraByte, cancellationToken: ct);
            }
        }

        await h.StartAsync();
        await recorder.Done.WaitAsync();
        await h.UntilAsync(() => h.Dead("tests").Count == 1, what: "the payload with a trailing byte to be dead");
        await h.StopAsync();

        Assert.Equal(Enumerable.Range(0, 10), recorder.Runs.Values.Select(r => r.Number).Order());
        var dead = Assert.Single(h.Dead("tests"));
        Assert.Equal(DeathReason.BadArguments, dead.Reason);
        Assert.Equal(typeof(JobPayloadException).FullName, dead.ExceptionType);
        Assert.Contains("'tests.greet'", dead.Message, StringComparison.Ordinal);
        Assert.Contains("1 trailing byte(s) after the arguments", dead.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0, 1), h.Count("tests"));
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
