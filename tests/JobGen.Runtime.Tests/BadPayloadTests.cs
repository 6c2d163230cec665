using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;

namespace JobGen.Runtime.Tests;

public sealed class BadPayloadTests
{
    [Fact]
    public async Task Bad_payloads_go_straight_to_the_dead_set_with_their_reason_while_good_jobs_around_them_run()
    {
        var good = new Countdown(10);
        var deaths = new CountingDeathHandler(4);
        var dispatcher = new TestDispatcher()
            .Add("good", _ => good.Hit())
            .Add("typed", run => throw JobPayloadException.ForArguments("typed", new FormatException("expected an int")));
        await using var h = WorkerHarness.Create(dispatcher, o => o.MaxPayloadBytes = 300, build: b => b.AddDeathHandler(deaths));
        var ct = TestContext.Current.CancellationToken;
        var garbage = new byte[] { 0x01, 0x02, 0x03 };
        var huge = EnvelopeSerializer.Serialize(new JobEnvelope { Id = "big", Job = "good", Queue = "default", Arguments = new byte[400] });
        for (var i = 0; i < 10; i++)
        {
            await h.Client.EnqueueAsync(TestDispatcher.Request("good", i.ToString()), cancellationToken: ct);
            switch (i)
            {
                case 1: await h.Storage.EnqueueAsync("default", garbage, ct); break;
                case 3: await h.Client.EnqueueAsync(TestDispatcher.Request("renamed.job", "x"), cancellationToken: ct); break;
                case 5: await h.Client.EnqueueAsync(TestDispatcher.Request("typed", "x"), cancellationToken: ct); break;
                case 7: await h.Storage.EnqueueAsync("default", huge, ct); break;
            }
        }

        await h.StartAsync();
        await good.WaitAsync();
        await deaths.Done.WaitAsync();
        await h.StopAsync();

        var dead = h.Dead().ToDictionary(d => d.Reason);
        Assert.Equal(4, dead.Count);
        Assert.Equal(garbage, dead[DeathReason.UndecodableEnvelope].Payload.ToArray());
        Assert.StartsWith("raw-", dead[DeathReason.UndecodableEnvelope].JobId);
        Assert.Null(dead[DeathReason.UndecodableEnvelope].Job);
        Assert.Contains("not a MessagePack map", dead[DeathReason.UndecodableEnvelope].Message);
        Assert.Equal("renamed.job", dead[DeathReason.UnknownJob].Job);
        Assert.Contains("No job with id 'renamed.job'", dead[DeathReason.UnknownJob].Message);
        Assert.Equal("typed", dead[DeathReason.BadArguments].Job);
        Assert.Contains("expected an int", dead[DeathReason.BadArguments].Message);
        Assert.Equal(typeof(JobPayloadException).FullName, dead[DeathReason.BadArguments].ExceptionType);
        Assert.Contains("over the limit of 300", dead[DeathReason.PayloadTooLarge].Message);
        Assert.Equal(huge, dead[DeathReason.PayloadTooLarge].Payload.ToArray());
        Assert.Equal((0, 0, 0, 4), h.Count());
        var stats = await h.Monitor.GetStatsAsync(1, ct);
        Assert.Equal((14L, 4L), (stats.Processed, stats.Failed));
    }

    [Fact]
    public async Task The_client_refuses_a_payload_over_the_limit_and_says_what_to_do()
    {
        await using var h = WorkerHarness.Create(new TestDispatcher(), o => o.MaxPayloadBytes = 100);
        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => h.Client.EnqueueAsync(TestDispatcher.Request("big", new string('x', 200)), cancellationToken: TestContext.Current.CancellationToken).AsTask());
        Assert.Contains("JobGen:MaxPayloadBytes", ex.Message);
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    private sealed class CountingDeathHandler(int expected) : IJobDeathHandler
    {
        public Countdown Done { get; } = new(expected);

        public ConcurrentQueue<DeadJob> All { get; } = new();

        public ValueTask OnJobDiedAsync(DeadJob dead, JobEnvelope? envelope, Exception? exception, CancellationToken cancellationToken)
        {
            All.Enqueue(dead);
            Done.Hit();
            return ValueTask.CompletedTask;
        }
    }
}
