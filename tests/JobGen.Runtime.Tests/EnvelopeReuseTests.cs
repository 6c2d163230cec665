using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;

namespace JobGen.Runtime.Tests;

/// <summary>
/// The worker decodes every run of a processor loop into that loop's one envelope. What may outlive a run (a
/// <see cref="JobContext"/>, the envelope handed to death handlers) must keep its own job's data afterwards.
/// </summary>
public sealed class EnvelopeReuseTests
{
    [Fact]
    public async Task Job_contexts_and_death_handler_envelopes_keep_their_own_job_after_the_loop_runs_others()
    {
        const int Jobs = 50;
        var contexts = new ConcurrentQueue<(string Arg, JobContext Context)>();
        var died = new TaskCompletionSource<(DeadJob, JobEnvelope?, Exception?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new Countdown(Jobs);
        var dispatcher = new TestDispatcher()
            .Add("poison", _ => throw new InvalidOperationException("dies at once"))
            .Add("note", run =>
            {
                contexts.Enqueue((run.Arg, new JobContext(run.Envelope)));
                done.Hit();
            });
        await using var h = WorkerHarness.Create(
            dispatcher,
            configure: o => o.Worker.Concurrency = 1, // one loop: every run reuses the same envelope
            build: b => b.AddDeathHandler(new RecordingDeathHandler(died)));
        var poisonId = await h.Client.EnqueueAsync(TestDispatcher.Request("poison", "p", maxAttempts: 1), null, TestContext.Current.CancellationToken);
        var ids = new Dictionary<string, string>();
        for (var i = 0; i < Jobs; i++)
        {
            ids[$"n{i}"] = await h.Client.EnqueueAsync(TestDispatcher.Request("note", $"n{i}"), null, TestContext.Current.CancellationToken);
        }

        await h.StartAsync();
        await done.WaitAsync();
        var (dead, envelope, _) = await died.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await h.StopAsync();

        Assert.Equal(Jobs, contexts.Count);
        foreach (var (arg, context) in contexts)
        {
            Assert.Equal(ids[arg], context.JobId);
            Assert.Equal("note", context.Job);
        }

        Assert.Equal(poisonId, dead.JobId);
        Assert.Equal(poisonId, envelope?.Id);
        Assert.Equal("poison", envelope?.Job);
        Assert.Equal("p", System.Text.Encoding.UTF8.GetString(envelope!.Arguments.Span));
    }
}
