using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Runtime.Tests;

public sealed class WorkerRunTests
{
    [Fact]
    public async Task Runs_every_job_once_with_the_configured_concurrency()
    {
        const int jobs = 200;
        var runs = new ConcurrentDictionary<string, int>();
        var done = new Countdown(jobs);
        var fourRunning = new Countdown(4);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int running = 0, maxRunning = 0;
        var dispatcher = new TestDispatcher().Add("work", async run =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            runs.AddOrUpdate(run.Arg, 1, (_, n) => n + 1);
            if (int.Parse(run.Arg) < 4)
            {
                // The first four wait for each other: proof that four run at once.
                fourRunning.Hit();
                await gate.Task;
            }

            Interlocked.Decrement(ref running);
            done.Hit();
        });
        await using var h = WorkerHarness.Create(dispatcher, o => o.Worker.Concurrency = 4);
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, jobs).Select(i => TestDispatcher.Request("work", i.ToString()))], TestContext.Current.CancellationToken);

        await h.StartAsync();
        await fourRunning.WaitAsync();
        gate.SetResult();
        await done.WaitAsync();
        await h.StopAsync();

        Assert.Equal(jobs, runs.Count);
        Assert.All(runs.Values, n => Assert.Equal(1, n));
        Assert.Equal(4, maxRunning);
        Assert.Equal((0, 0, 0, 0), h.Count());
        var stats = await h.Monitor.GetStatsAsync(1, TestContext.Current.CancellationToken);
        Assert.Equal(jobs, stats.Processed);
        Assert.Equal(0, stats.Failed);
        Assert.Equal(jobs, stats.Days[0].Processed);
    }

    [Fact]
    public async Task Fetches_in_batches_so_a_job_costs_a_fraction_of_a_round_trip()
    {
        const int jobs = 1000;
        var done = new Countdown(jobs);
        var counting = new CountingStorage(new JobGen.Storage.InMemory.InMemoryJobStorage());
        await using var h = WorkerHarness.Create(
            new TestDispatcher().Add("noop", _ => done.Hit()),
            o => o.Worker.FetchBatchSize = 50,
            build: b => b.UseStorage(_ => counting));
        await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, jobs).Select(i => TestDispatcher.Request("noop", "x"))], TestContext.Current.CancellationToken);

        await h.StartAsync();
        await done.WaitAsync();

        Assert.InRange(counting.Fetches, jobs / 50, jobs / 20); // a fetch waits for half the 50 slots: 25+ jobs per round trip
    }

    [Fact]
    public async Task Strict_queue_order_drains_the_first_queue_before_the_next()
    {
        var order = new ConcurrentQueue<string>();
        var done = new Countdown(20);
        var dispatcher = new TestDispatcher().Add("work", run =>
        {
            order.Enqueue(run.Envelope.Queue);
            done.Hit();
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 1;
            o.Worker.FetchBatchSize = 1;
            o.Worker.Queues = ["high", "low"];
        });
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 10; i++)
        {
            await h.Client.EnqueueAsync(TestDispatcher.Request("work", "x", queue: "low"), cancellationToken: ct);
            await h.Client.EnqueueAsync(TestDispatcher.Request("work", "x", queue: "high"), cancellationToken: ct);
        }

        await h.StartAsync();
        await done.WaitAsync();

        Assert.Equal([.. Enumerable.Repeat("high", 10), .. Enumerable.Repeat("low", 10)], order.ToArray());
    }

    [Fact]
    public async Task Weighted_queues_serve_every_queue()
    {
        var perQueue = new ConcurrentDictionary<string, int>();
        var done = new Countdown(60);
        var dispatcher = new TestDispatcher().Add("work", run =>
        {
            perQueue.AddOrUpdate(run.Envelope.Queue, 1, (_, n) => n + 1);
            done.Hit();
        });
        await using var h = WorkerHarness.Create(dispatcher, o =>
        {
            o.Worker.Concurrency = 1;
            o.Worker.FetchBatchSize = 1;
            o.Worker.Queues = ["a,5", "b,1", "c"];
        });
        var ct = TestContext.Current.CancellationToken;
        foreach (var q in new[] { "a", "b", "c" })
        {
            await h.Client.EnqueueManyAsync([.. Enumerable.Range(0, 20).Select(_ => TestDispatcher.Request("work", "x", queue: q))], ct);
        }

        await h.StartAsync();
        await done.WaitAsync();

        Assert.Equal(20, perQueue["a"]);
        Assert.Equal(20, perQueue["b"]);
        Assert.Equal(20, perQueue["c"]);
    }

    [Fact]
    public async Task Registers_its_heartbeat_while_running_and_removes_it_on_stop()
    {
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("idle", _ => { }), o => o.Worker.Concurrency = 3);
        await h.StartAsync();
        await h.UntilAsync(() => h.Monitor.GetProcessesAsync().AsTask().Result.Count == 1, what: "the first heartbeat");

        var process = Assert.Single(await h.Monitor.GetProcessesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(h.Worker.ProcessId, process.Id);
        Assert.Equal(3, process.Concurrency);
        Assert.Equal(Environment.ProcessId, process.Pid);
        Assert.Equal(["default", "tests"], process.Queues);

        await h.StopAsync();
        Assert.Empty(await h.Monitor.GetProcessesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Duplicate_job_ids_across_dispatchers_fail_the_start_with_both_names()
    {
        var second = new TestDispatcher().Add("same", _ => { });
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("same", _ => { }), services: s => s.AddSingleton<IJobDispatcher>(second));

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(h.StartAsync);
        Assert.Contains("Job id 'same' is registered twice", ex.Message);
        Assert.Contains("[BackgroundJob(\"...\")]", ex.Message);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
