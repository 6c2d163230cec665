using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

/// <summary>
/// With client middleware the client takes the same path as without: the description the chain leaves is checked,
/// scheduled or enqueued, and encoded exactly as a request described that way from the start.
/// </summary>
public sealed class ClientMiddlewarePathTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static JobRequest Request(string queue = "mailers") =>
        new("emails.welcome", queue, 10, new byte[] { 0x92, 0x2A, 0xA2, 0x65, 0x6E }) { Headers = new Dictionary<string, string> { ["tenant"] = "acme" } };

    [Fact]
    public async Task A_chain_that_changes_nothing_stores_what_the_client_without_middleware_stores()
    {
        var plain = new InMemoryJobStorage();
        var chained = new InMemoryJobStorage();
        await new JobClient(plain, new FakeTimeProvider(Now)).EnqueueAsync(Request(), cancellationToken: Ct);
        await new JobClient(chained, [new Middleware(_ => { })], new FakeTimeProvider(Now), 0).EnqueueAsync(Request(), cancellationToken: Ct);

        var expected = EnvelopeSerializer.Deserialize(Assert.Single(await plain.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct)).Payload);
        var actual = EnvelopeSerializer.Deserialize(Assert.Single(await chained.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct)).Payload);

        // Only the id differs: re-encoded under one id, the two are the same bytes.
        var sameId = new JobEnvelope
        {
            Id = expected.Id,
            Job = actual.Job,
            Kind = actual.Kind,
            Queue = actual.Queue,
            Arguments = actual.Arguments,
            CreatedAt = actual.CreatedAt,
            EnqueuedAt = actual.EnqueuedAt,
            Attempt = actual.Attempt,
            MaxAttempts = actual.MaxAttempts,
            LastError = actual.LastError,
            Headers = actual.Headers,
        };
        Assert.Equal(EnvelopeSerializer.Serialize(expected), EnvelopeSerializer.Serialize(sameId));
    }

    [Fact]
    public async Task A_due_time_set_by_middleware_schedules_the_job_and_stamps_it_enqueued_then()
    {
        var storage = new InMemoryJobStorage();
        var due = Now.AddMinutes(5);
        var client = new JobClient(storage, [new Middleware(c => { c.DueAt = due; c.Queue = "later"; c.Headers["mw"] = "1"; })], new FakeTimeProvider(Now), 0);

        var id = await client.EnqueueAsync(Request(), cancellationToken: Ct);

        Assert.Empty(await storage.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct));
        var stored = Assert.Single(await storage.GetPageAsync("later", PayloadSet.Scheduled, 0, 10, Ct));
        Assert.Equal(due, stored.Score);
        var envelope = EnvelopeSerializer.Deserialize(stored.Payload);
        Assert.Equal(id, envelope.Id);
        Assert.Equal("later", envelope.Queue);
        Assert.Equal(Now, envelope.CreatedAt);
        Assert.Equal(due, envelope.EnqueuedAt);
        Assert.Equal("1", envelope.Headers["mw"]);
        Assert.Equal("acme", envelope.Headers["tenant"]);
    }

    [Fact]
    public async Task What_middleware_changes_is_checked_like_a_request()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, [new Middleware(c => c.MaxAttempts = 0)], new FakeTimeProvider(Now), 0);

        var enqueue = client.EnqueueAsync(Request(), cancellationToken: Ct); // the call itself does not throw

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await enqueue);
        Assert.Equal(0, (await storage.GetQueueCountsAsync("mailers", Ct)).Ready);
    }

    [Fact]
    public async Task A_bulk_batch_through_middleware_stores_nothing_when_a_later_job_fails_and_vetoed_jobs_get_no_id()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, [new Middleware(c => c.DueAt = c.Queue == "soon" ? Now.AddMinutes(1) : c.DueAt)], new FakeTimeProvider(Now), 0);
        JobRequest[] failing = [Request("soon"), Request(), Request(queue: "")];

        await Assert.ThrowsAsync<ArgumentException>(async () => await client.EnqueueManyAsync(failing, Ct));

        Assert.Empty(await storage.GetPageAsync("soon", PayloadSet.Scheduled, 0, 10, Ct));
        Assert.Empty(await storage.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct));

        var vetoing = new JobClient(storage, [new Middleware(c => { }, veto: c => c.Queue == "drop")], new FakeTimeProvider(Now), 0);
        var ids = await vetoing.EnqueueManyAsync([Request(), Request("drop"), Request()], Ct);

        Assert.Equal(string.Empty, ids[1]);
        var stored = (await storage.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct)).Select(p => EnvelopeSerializer.Deserialize(p.Payload).Id).ToHashSet();
        Assert.Equal(new HashSet<string> { ids[0], ids[2] }, stored);
    }

    private sealed class Middleware(Action<EnqueueContext> change, Func<EnqueueContext, bool>? veto = null) : IClientMiddleware
    {
        public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken)
        {
            change(job);
            return veto?.Invoke(job) == true ? ValueTask.CompletedTask : next();
        }
    }
}
