using System.Text;
using JobGen.Reliability.Tests.Fuzz;
using JobGen.Storage;
using JobGen.Storage.InMemory;

namespace JobGen.Reliability.Tests.Security;

/// <summary>
/// What a payload may carry: only the job id known at compile time selects code, never a CLR type name; and
/// the client refuses a payload over the size limit before anything is stored (the worker's side of the limit:
/// BadPayloadTests).
/// </summary>
public sealed class PayloadSecurityTests
{
    // Fragments of any CLR or assembly-qualified type name the argument types could leak.
    private static readonly string[] TypeNameFragments =
    [
        "FuzzTree", "FuzzColor", "JobGen.Reliability", "JobGen.Runtime", "System.", "Version=", "Culture=", "PublicKeyToken",
        "mscorlib", "CoreLib", "List`1", "Dictionary`2", "Nullable`1", "$type", "__type",
    ];

    [Fact]
    public async Task Enqueued_payloads_carry_no_CLR_type_names_of_their_arguments()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage);
        var tree = new FuzzTree { Name = "root", Children = [new FuzzTree { Name = "child" }], Next = new FuzzTree { Name = "next" } };
        var ct = TestContext.Current.CancellationToken;
        await client.EnqueueObjectsAsync(tree, [tree], cancellationToken: ct);
        await client.EnqueueCollectionsAsync([1, 2], ["a"], [3L, null], new() { ["k"] = 1 }, new Dictionary<string, string?> { ["l"] = null }, 4, cancellationToken: ct);
        await client.EnqueueTextAndTimesAsync("text", null, FuzzColor.Green, Guid.NewGuid(), DateTime.UtcNow, DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), [1], cancellationToken: ct);
        await client.EnqueuePrimitivesAsync(true, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 'c', 11m, cancellationToken: ct);

        var payloads = await storage.GetPageAsync(JobDefaults.Queue, PayloadSet.Ready, 0, 10, ct);

        Assert.Equal(4, payloads.Count);
        foreach (var payload in payloads)
        {
            var text = Encoding.Latin1.GetString(payload.Payload.Span);
            foreach (var fragment in TypeNameFragments)
            {
                Assert.DoesNotContain(fragment, text, StringComparison.Ordinal);
            }

            // The only name that selects code is the job id.
            Assert.StartsWith("fuzz.", EnvelopeSerializer.Deserialize(payload.Payload).Job, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_client_refuses_a_payload_over_the_size_limit_and_stores_nothing()
    {
        var storage = new InMemoryJobStorage();
        var client = new JobClient(storage, [], time: null, maxPayloadBytes: 64 * 1024);
        var ct = TestContext.Current.CancellationToken;

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.EnqueueTextAndTimesAsync("x", null, FuzzColor.Red, Guid.NewGuid(), DateTime.UtcNow, DateTimeOffset.UtcNow, TimeSpan.Zero, new byte[65 * 1024], cancellationToken: ct));

        Assert.Contains("MaxPayloadBytes", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await storage.GetQueueCountsAsync(JobDefaults.Queue, ct)).Ready);
        await client.EnqueueTextAndTimesAsync("x", null, FuzzColor.Red, Guid.NewGuid(), DateTime.UtcNow, DateTimeOffset.UtcNow, TimeSpan.Zero, new byte[1024], cancellationToken: ct);
        Assert.Equal(1, (await storage.GetQueueCountsAsync(JobDefaults.Queue, ct)).Ready);
    }
}
