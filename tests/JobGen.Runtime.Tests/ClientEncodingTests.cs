using System.Diagnostics;
using JobGen.Storage;
using JobGen.Storage.InMemory;
using Microsoft.Extensions.Time.Testing;

namespace JobGen.Runtime.Tests;

/// <summary>
/// What <see cref="JobClient"/> stores, byte for byte: every payload decodes to exactly the requested job and
/// re-encodes to the same bytes (so its layout is <see cref="EnvelopeSerializer"/>'s), and a bulk batch stores every
/// job once, in order, with distinct ids, however many payload blocks it spans.
/// </summary>
public sealed class ClientEncodingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_single_enqueue_stores_the_requested_envelope()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Now));
        var request = new JobRequest("emails.welcome", "mailers", 10, new byte[] { 0x92, 0x2A, 0xA2, 0x65, 0x6E })
        {
            Headers = new Dictionary<string, string> { ["tenant"] = "acme" },
        };

        var id = await client.EnqueueAsync(request, new EnqueueOptions { MaxAttempts = 3 }, Ct);

        var payload = Assert.Single(await storage.GetPageAsync("mailers", PayloadSet.Ready, 0, 10, Ct)).Payload;
        var envelope = EnvelopeSerializer.Deserialize(payload);
        Assert.Equal(id, envelope.Id);
        Assert.Equal("emails.welcome", envelope.Job);
        Assert.Equal(JobKind.Once, envelope.Kind);
        Assert.Equal("mailers", envelope.Queue);
        Assert.Equal(request.Arguments.ToArray(), envelope.Arguments.ToArray());
        Assert.Equal(Now, envelope.CreatedAt);
        Assert.Equal(Now, envelope.EnqueuedAt);
        Assert.Equal(0, envelope.Attempt);
        Assert.Equal(3, envelope.MaxAttempts);
        Assert.Null(envelope.LastError);
        Assert.Equal(request.Headers, envelope.Headers);
        Assert.Equal(EnvelopeSerializer.Serialize(envelope), payload.ToArray());
    }

    [Fact]
    public async Task A_single_enqueue_under_a_trace_carries_its_traceparent()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Now));
        using var activity = new Activity("enqueue").SetIdFormat(ActivityIdFormat.W3C).Start();

        await client.EnqueueAsync(new JobRequest("j", "q", 1, new byte[] { 0x90 }), cancellationToken: Ct);

        var envelope = EnvelopeSerializer.Deserialize(Assert.Single(await storage.GetPageAsync("q", PayloadSet.Ready, 0, 10, Ct)).Payload);
        Assert.Equal(activity.Id, envelope.Headers["traceparent"]);
    }

    [Fact]
    public async Task A_bulk_batch_larger_than_a_payload_block_stores_each_job_once_with_its_own_arguments()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Now));
        var requests = Enumerable.Range(0, 2_600)
            .Select(i => JobGenRuntimeTestsJobs.CreateGreetRequest(i, "name-" + new string('x', i % 300) + "é", ["t", i.ToString()]) with
            {
                Queue = i % 3 == 0 ? "bulk-b" : "bulk-a",
            })
            .ToList();

        var ids = await client.EnqueueManyAsync(requests, Ct);

        Assert.Equal(requests.Count, ids.Count);
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        var stored = new List<ReadOnlyMemory<byte>>();
        foreach (var queue in new[] { "bulk-a", "bulk-b" })
        {
            stored.AddRange((await storage.GetPageAsync(queue, PayloadSet.Ready, 0, 10_000, Ct)).Select(p => p.Payload));
        }

        Assert.Equal(requests.Count, stored.Count);
        var byId = stored.Select(p => (Payload: p, Envelope: EnvelopeSerializer.Deserialize(p))).ToDictionary(e => e.Envelope.Id, StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var (payload, envelope) = byId[ids[i]];
            Assert.Equal(requests[i].Job, envelope.Job);
            Assert.Equal(requests[i].Queue, envelope.Queue);
            Assert.Equal(requests[i].Arguments.ToArray(), envelope.Arguments.ToArray());
            Assert.Equal(Now, envelope.EnqueuedAt);
            Assert.Equal(EnvelopeSerializer.Serialize(envelope), payload.ToArray());
        }
    }

    [Fact]
    public async Task A_bulk_batch_keeps_each_queues_order_and_schedules_due_later_requests()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, new FakeTimeProvider(Now));
        var requests = Enumerable.Range(0, 10)
            .Select(i => new JobRequest("j", "order", 5, new byte[] { 0x91, (byte)i }) { Delay = i == 4 ? TimeSpan.FromMinutes(5) : null })
            .ToList();

        var ids = await client.EnqueueManyAsync(requests, Ct);

        var ready = (await storage.GetPageAsync("order", PayloadSet.Ready, 0, 100, Ct)).Select(p => EnvelopeSerializer.Deserialize(p.Payload)).ToList();
        Assert.Equal([.. ids.Where((_, i) => i != 4)], ready.Select(e => e.Id));
        Assert.Equal([0, 1, 2, 3, 5, 6, 7, 8, 9], ready.Select(e => (int)e.Arguments.Span[1]));
        var scheduled = Assert.Single(await storage.GetPageAsync("order", PayloadSet.Scheduled, 0, 100, Ct));
        Assert.Equal(Now.AddMinutes(5), scheduled.Score);
        Assert.Equal(ids[4], EnvelopeSerializer.Deserialize(scheduled.Payload).Id);
    }

    [Fact]
    public async Task A_bulk_batch_with_an_oversized_job_stores_nothing()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, [], new FakeTimeProvider(Now), maxPayloadBytes: 200);
        JobRequest[] requests =
        [
            new("j", "limit", 5, new byte[] { 0x90 }),
            new("j", "limit", 5, new byte[300]),
        ];

        await Assert.ThrowsAsync<ArgumentException>(async () => await client.EnqueueManyAsync(requests, Ct));

        Assert.Empty(await storage.GetPageAsync("limit", PayloadSet.Ready, 0, 10, Ct));
    }

    [Fact]
    public async Task A_bad_request_fails_the_returned_task_not_the_call()
    {
        var client = new JobClient(new InMemoryJobStorage(), new FakeTimeProvider(Now));

        var single = client.EnqueueAsync(new JobRequest("j", "", 5, new byte[] { 0x90 }), cancellationToken: Ct);
        var many = client.EnqueueManyAsync(null!, Ct);

        await Assert.ThrowsAsync<ArgumentException>(async () => await single);
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await many);
    }
}
