using JobGen.Chaos;
using JobGen.Storage;
using MessagePack;

namespace JobGen.Reliability.Tests.Processes;

/// <summary>
/// Bad payloads pushed straight into a queue's ready list, between good jobs, with one real worker process:
/// each lands in the dead set with a reason naming the problem, every good job runs, the worker keeps running.
/// </summary>
[Collection(ProcessTestCollection.Name)]
public sealed class BadPayloadTests
{
    private const int MaxPayloadBytes = 64 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Each_bad_payload_is_dead_with_its_reason_and_the_good_jobs_around_it_all_run()
    {
        await using var env = await ChaosEnvironment.StartAsync(s => s with { MaxPayloadBytes = MaxPayloadBytes });
        var random = new Random(11);
        var garbage = new byte[200];
        random.NextBytes(garbage);
        garbage[0] = 0x85; // a map header, so the decoder gets past the first byte
        var valid = Payloads.Record("good-template", 0);
        var bad = new (string Name, byte[] Payload)[]
        {
            ("random bytes", garbage),
            ("truncated envelope", valid[..(valid.Length / 2)]),
            ("unknown job id", Payloads.Envelope("bad-unknown", "chaos.no-such-job", Payloads.Arguments(w => { w.WriteArrayHeader(0); w.Flush(); }))),
            ("arguments not matching the schema", Payloads.Envelope("bad-schema", "chaos.record", Payloads.Arguments(w => { w.WriteArrayHeader(2); w.Write("not a number"); w.Write(true); w.Flush(); }))),
            ("a byte after valid arguments", Payloads.Envelope("bad-trailing", "chaos.record", (byte[])[.. JobGenChaosJobs.CreateRecordRequest(7, 0).Arguments.Span, 0xc0])),
            ("oversized payload", Payloads.Envelope("bad-size", "chaos.record", Payloads.Arguments(w => { w.WriteArrayHeader(3); w.Write(1); w.Write(0); w.Write(new byte[MaxPayloadBytes + 1]); w.Flush(); }))),
        };

        var good = 0;
        foreach (var (_, payload) in bad)
        {
            for (var i = 0; i < 60; i++, good++)
            {
                await env.Db.ListLeftPushAsync(env.ReadyKey, Payloads.Record($"good-{good}", good));
            }

            await env.Db.ListLeftPushAsync(env.ReadyKey, payload);
        }

        for (var i = 0; i < 60; i++, good++)
        {
            await env.Db.ListLeftPushAsync(env.ReadyKey, Payloads.Record($"good-{good}", good));
        }

        var worker = await env.StartWorkerAsync();
        await env.WaitUntilAsync(async () => await env.Ledger.CountExecutedAsync() == good && (await env.ReadDeadAsync()).Count == bad.Length, Timeout, $"{good} good jobs ran and {bad.Length} bad ones are dead");

        var dead = await env.ReadDeadAsync();
        foreach (var record in dead)
        {
            ChaosEnvironment.Log($"{record.Reason}: {record.Message}");
        }

        Assert.False(worker.HasExited);
        Assert.Equal(good, await env.Ledger.CountRunsAsync());
        Assert.Equal(2, dead.Count(d => d.Reason == DeathReason.UndecodableEnvelope));
        Assert.Contains(dead, d => d.Reason == DeathReason.UndecodableEnvelope && d.Payload.Span.SequenceEqual(garbage));
        Assert.Contains(dead, d => d.Reason == DeathReason.UnknownJob && d.Message.Contains("chaos.no-such-job", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.Reason == DeathReason.BadArguments && d.Message.Contains("chaos.record", StringComparison.Ordinal));
        Assert.Contains(dead, d => d.Reason == DeathReason.BadArguments && d.Message.Contains("1 trailing byte(s) after the arguments", StringComparison.Ordinal));
        Assert.Equal(2, dead.Count(d => d.Reason == DeathReason.BadArguments));
        Assert.Contains(dead, d => d.Reason == DeathReason.PayloadTooLarge && d.Message.Contains(MaxPayloadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        Assert.All(dead, d => Assert.False(string.IsNullOrWhiteSpace(d.Message)));
    }

    /// <summary>
    /// A recursive argument nested 100,000 levels deep (200 KB, under the payload limit) must be a decode error,
    /// not a stack overflow that kills every worker that fetches it (and, once its lease is rescued, the next one).
    /// </summary>
    [Fact]
    public async Task A_nesting_bomb_argument_is_dead_without_crashing_the_worker()
    {
        await using var env = await ChaosEnvironment.StartAsync();
        await env.Db.ListLeftPushAsync(env.ReadyKey, Payloads.Envelope("bomb", "chaos.tree", Payloads.NestedTreeArguments(1, 100_000)));
        for (var i = 0; i < 20; i++)
        {
            await env.Db.ListLeftPushAsync(env.ReadyKey, Payloads.Record($"good-{i}", i));
        }

        var worker = await env.StartWorkerAsync();
        await env.WaitUntilAsync(async () => await env.Ledger.CountExecutedAsync() == 20 && (await env.ReadDeadAsync()).Count == 1, Timeout, "20 good jobs ran and the bomb is dead");

        var dead = Assert.Single(await env.ReadDeadAsync());
        ChaosEnvironment.Log($"{dead.Reason}: {dead.Message}");
        Assert.Equal(DeathReason.BadArguments, dead.Reason);
        Assert.False(worker.HasExited);
    }
}
