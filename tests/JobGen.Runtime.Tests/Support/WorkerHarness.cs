using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests.Support;

/// <summary>
/// A real worker on the real in-memory storage, wired by <c>AddJobGen</c> as an app would, with test jobs and
/// (optionally) a fake clock. Disposing stops the worker.
/// </summary>
public sealed class WorkerHarness : IAsyncDisposable
{
    private WorkerHarness(ServiceProvider provider, TimeProvider time)
    {
        Provider = provider;
        Time = time;
        var storage = provider.GetRequiredService<IJobStorage>();
        Storage = (InMemoryJobStorage)(storage is CountingStorage counting ? counting.Inner : storage);
        Client = provider.GetRequiredService<IJobClient>();
        Worker = provider.GetRequiredService<JobWorker>();
        Monitor = provider.GetRequiredService<JobMonitor>();
    }

    public ServiceProvider Provider { get; }

    public TimeProvider Time { get; }

    public FakeTimeProvider Fake => (FakeTimeProvider)Time;

    public InMemoryJobStorage Storage { get; }

    public IJobClient Client { get; }

    public JobWorker Worker { get; }

    public JobMonitor Monitor { get; }

    public static WorkerHarness Create(
        TestDispatcher jobs,
        Action<JobGenOptions>? configure = null,
        TimeProvider? time = null,
        Action<JobGenBuilder>? build = null,
        Action<IServiceCollection>? services = null)
    {
        var collection = new ServiceCollection();
        time ??= TimeProvider.System;
        collection.AddSingleton(time);
        var builder = collection.AddJobGen(o =>
        {
            o.Worker.Concurrency = 4;
            o.Worker.Queues = [JobDefaults.Queue, "tests"];
            configure?.Invoke(o);
        }).UseInMemory();
        build?.Invoke(builder);
        collection.AddSingleton<IJobDispatcher>(jobs);
        services?.Invoke(collection);
        return new WorkerHarness(collection.BuildServiceProvider(validateScopes: true), time);
    }

    public Task StartAsync() => Worker.StartAsync(TestContext.Current.CancellationToken);

    public Task StopAsync() => Worker.StopAsync(CancellationToken.None);

    /// <summary>Payloads of <paramref name="queue"/> still in the storage, by structure.</summary>
    public (int Ready, int InFlight, int Scheduled, int Dead) Count(string queue = JobDefaults.Queue)
    {
        var s = Storage.Snapshot(queue);
        return (s.Ready.Count, s.InFlight.Count, s.Scheduled.Count, s.Dead.Count);
    }

    /// <summary>Dead records of <paramref name="queue"/>, decoded.</summary>
    public List<DeadJob> Dead(string queue = JobDefaults.Queue) =>
        [.. Storage.Snapshot(queue).Dead.Select(d => DeadJob.Deserialize(d.Record))];

    /// <summary>Envelopes of <paramref name="queue"/>'s scheduled set with due times.</summary>
    public List<(JobEnvelope Envelope, DateTimeOffset DueAt)> Scheduled(string queue = JobDefaults.Queue) =>
        [.. Storage.Snapshot(queue).Scheduled.Select(s => (EnvelopeSerializer.Deserialize(s.Payload), s.DueAt))];

    /// <summary>
    /// Waits (bounded, 15 s of real time) until <paramref name="condition"/> holds; with a fake clock, advances it by
    /// <paramref name="advance"/> on each round so timers (poller, timeouts) fire.
    /// </summary>
    public async Task UntilAsync(Func<bool> condition, TimeSpan? advance = null, string? what = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("Timed out waiting for " + (what ?? "the condition"));
            }

            if (advance is { } step)
            {
                Fake.Advance(step);
            }

            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Worker.StopAsync(CancellationToken.None);
        await Provider.DisposeAsync();
    }
}
