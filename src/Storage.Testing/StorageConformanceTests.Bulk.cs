using JobGen.Storage;

namespace JobGen.Storage.Testing;

/// <summary>
/// Bulk enqueue as <see cref="JobClient"/> does it: payloads that are slices of shared arrays, batches over the
/// storage's chunk size, several queues interleaved; every job must arrive exactly once, in order, byte for byte.
/// </summary>
public abstract partial class StorageConformanceTests
{
    [Fact]
    public async Task Bulk_enqueue_of_slices_of_one_array_over_several_queues_stores_each_slice_exactly()
    {
        var texts = Enumerable.Range(0, 1_500).Select(i => $"{i}:" + new string((char)('a' + (i % 26)), i % 40)).ToArray();
        var shared = P(string.Concat(texts));
        var items = new QueuedPayload[texts.Length];
        for (int i = 0, at = 0; i < texts.Length; at += P(texts[i]).Length, i++)
        {
            items[i] = new QueuedPayload(i % 5 == 0 ? "slices-b" : "slices-a", shared.AsMemory(at, P(texts[i]).Length));
        }

        await Storage.EnqueueManyAsync(items, Ct);

        Assert.Equal(texts.Where((_, i) => i % 5 != 0), await DrainAsync("slices-a"));
        Assert.Equal(texts.Where((_, i) => i % 5 == 0), await DrainAsync("slices-b"));
    }

    [Fact]
    public async Task Client_bulk_enqueue_stores_every_job_once_with_its_own_envelope()
    {
        var client = new JobClient(Storage, new FixedClock(T0));
        var requests = Enumerable.Range(0, 1_300)
            .Select(i => new JobRequest("bulk.job", i % 4 == 0 ? "client-b" : "client-a", 5, new byte[] { 0x92, 0xCD, (byte)(i >> 8), (byte)i, 0xA1, (byte)'x' }))
            .ToList();

        var ids = await client.EnqueueManyAsync(requests, Ct);

        var envelopes = new List<JobEnvelope>();
        foreach (var queue in new[] { "client-a", "client-b" })
        {
            while (await FetchNowAsync(queue, 1000) is { Count: > 0 } jobs)
            {
                envelopes.AddRange(jobs.Select(j => EnvelopeSerializer.Deserialize(j.Payload)));
            }
        }

        Assert.Equal(requests.Count, envelopes.Count);
        Assert.Equal(ids.Order(StringComparer.Ordinal), envelopes.Select(e => e.Id).Order(StringComparer.Ordinal));
        var byId = envelopes.ToDictionary(e => e.Id, StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            var envelope = byId[ids[i]];
            Assert.Equal(requests[i].Queue, envelope.Queue);
            Assert.Equal(requests[i].Arguments.ToArray(), envelope.Arguments.ToArray());
        }
    }

    /// <summary>A clock that always says <paramref name="now"/>: the client's times become known values.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
