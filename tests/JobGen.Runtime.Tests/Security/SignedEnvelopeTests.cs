using System.Collections.Concurrent;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static JobGen.Runtime.Tests.Security.SecurityKeys;

namespace JobGen.Runtime.Tests.Security;

public sealed class SignedEnvelopeTests
{
    private static readonly SecurityKey K1 = Key("k1", 1), K2 = Key("k2", 2), Forger = Key("k1", 9);

    [Fact]
    public async Task Signed_jobs_run_and_every_stored_payload_carries_a_signature_by_the_newest_key()
    {
        var ran = new Countdown(5);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("job", _ => ran.Hit()), o => Sign(o, K2, K1));
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 4; i++)
        {
            await h.Client.EnqueueAsync(TestDispatcher.Request("job", i.ToString()), cancellationToken: ct);
        }

        await h.Client.EnqueueManyAsync([TestDispatcher.Request("job", "many")], ct);
        var stored = h.Storage.Snapshot(JobDefaults.Queue).Ready.ToList();
        Assert.Equal(5, stored.Count);
        foreach (var payload in stored)
        {
            var envelope = EnvelopeSerializer.Deserialize(payload);
            Assert.True(envelope.SignedLength > 0);
            Assert.Null(Signer(K2).Verify(payload.AsSpan(), envelope));
            Assert.NotNull(Signer(K1).Verify(payload.AsSpan(), envelope)); // signed with the newest (first) key only
        }

        await h.StartAsync();
        await ran.WaitAsync();
        await h.StopAsync();
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    [Fact]
    public async Task Forged_payloads_are_dead_with_BadSignature_none_runs_and_the_worker_keeps_going()
    {
        var ran = new ConcurrentQueue<string>();
        var good = new Countdown(2);
        var dispatcher = new TestDispatcher().Add("job", run =>
        {
            ran.Enqueue(run.Arg);
            if (run.Arg.StartsWith("good", StringComparison.Ordinal))
            {
                good.Hit();
            }
        });
        await using var h = WorkerHarness.Create(dispatcher, o => Sign(o, K1));
        var ct = TestContext.Current.CancellationToken;
        var genuine = Signed(Signer(K1), "genuine", "job", "pay-10");

        var unsigned = Signed(null, "unsigned", "job", "evil-unsigned");
        var wrongKey = Signed(Signer(Forger), "wrong", "job", "evil-wrong"); // same id "k1", other secret
        var otherKey = Signed(Signer(Key("k9", 1)), "unknown", "job", "evil-unknown-key");
        var grafted = Graft(body: Signed(Signer(K1), "graft", "job", "evil-graft"), signatureOf: genuine);
        var replayed = genuine.ToArray();
        replayed[Array.IndexOf(replayed, (byte)'1')] = (byte)'9'; // "pay-10" → "pay-90" under the same signature

        await h.Client.EnqueueAsync(TestDispatcher.Request("job", "good-1"), cancellationToken: ct);
        foreach (var forged in new[] { unsigned, wrongKey, otherKey, grafted, replayed })
        {
            await h.Storage.EnqueueAsync(JobDefaults.Queue, forged, ct);
        }

        await h.Client.EnqueueAsync(TestDispatcher.Request("job", "good-2"), cancellationToken: ct);
        await h.StartAsync();
        await good.WaitAsync();
        await h.UntilAsync(() => h.Count().Dead == 5, what: "five forged payloads in the dead set");
        await h.StopAsync();

        Assert.Equal(["good-1", "good-2"], ran.Order(StringComparer.Ordinal));
        var dead = h.Dead();
        Assert.All(dead, d => Assert.Equal(DeathReason.BadSignature, d.Reason));
        var kept = dead.ToDictionary(d => d.JobId, d => d.Payload.ToArray());
        Assert.Equal(unsigned, kept["unsigned"]); // the bytes as they came, for inspection
        Assert.Equal(replayed, kept["genuine"]);
        var messages = dead.ToDictionary(d => d.JobId, d => d.Message);
        Assert.Contains("not signed", messages["unsigned"]);
        Assert.Contains("key 'k1'", messages["wrong"]);
        Assert.Contains("does not match", messages["wrong"]);
        Assert.Contains("key 'k9', which is not in JobGen:Security:SigningKeys", messages["unknown"]);
        Assert.Contains("does not match", messages["graft"]);
        Assert.Contains("does not match", messages["genuine"]);
    }

    [Fact]
    public async Task Rotation_accepts_every_listed_key_and_refuses_a_removed_one_naming_it()
    {
        var ran = new ConcurrentQueue<string>();
        var dispatcher = new TestDispatcher().Add("job", run => ran.Enqueue(run.Arg));
        var ct = TestContext.Current.CancellationToken;
        var oldPayload = Signed(Signer(K1), "old", "job", "old");

        // Step 1: the new key is listed first everywhere; the old key still verifies.
        await using (var h = WorkerHarness.Create(dispatcher, o => Sign(o, K2, K1)))
        {
            await h.Storage.EnqueueAsync(JobDefaults.Queue, oldPayload, ct);
            await h.Client.EnqueueAsync(TestDispatcher.Request("job", "new"), cancellationToken: ct);
            await h.StartAsync();
            await h.UntilAsync(() => ran.Count == 2, what: "both jobs to run");
            await h.StopAsync();
            Assert.Equal((0, 0, 0, 0), h.Count());
        }

        // Step 2: the old key is removed; a payload it signed is refused, naming the key.
        await using (var h = WorkerHarness.Create(dispatcher, o => Sign(o, K2)))
        {
            await h.Storage.EnqueueAsync(JobDefaults.Queue, oldPayload, ct);
            await h.StartAsync();
            await h.UntilAsync(() => h.Count().Dead == 1, what: "the old payload to die");
            await h.StopAsync();
            var dead = Assert.Single(h.Dead());
            Assert.Equal(DeathReason.BadSignature, dead.Reason);
            Assert.Contains("key 'k1', which is not in", dead.Message);
        }

        Assert.Equal(["new", "old"], ran.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Retries_are_signed_again_by_the_worker_and_run()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var attempts = new ConcurrentQueue<int>();
        var dispatcher = new TestDispatcher().Add("flaky", run =>
        {
            attempts.Enqueue(run.Envelope.Attempt);
            if (run.Envelope.Attempt == 0)
            {
                throw new InvalidOperationException("first time fails");
            }
        });
        await using var h = WorkerHarness.Create(dispatcher, o => Sign(o, K1), time: time);
        await h.Client.EnqueueAsync(TestDispatcher.Request("flaky", "x"), cancellationToken: TestContext.Current.CancellationToken);
        await h.StartAsync();
        await h.UntilAsync(() => h.Count().Scheduled == 1, what: "the retry to be scheduled");
        var retry = h.Storage.Snapshot(JobDefaults.Queue).Scheduled.Single().Payload;
        Assert.Null(Signer(K1).Verify(retry.AsSpan(), EnvelopeSerializer.Deserialize(retry)));
        await h.UntilAsync(() => attempts.Count == 2, advance: TimeSpan.FromSeconds(1), what: "the retry to run");
        await h.StopAsync();
        Assert.Equal([0, 1], attempts.ToArray());
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    [Fact]
    public async Task An_operator_retry_signs_a_genuine_dead_job_again_but_never_a_forged_one()
    {
        var ran = new ConcurrentQueue<string>();
        var dispatcher = new TestDispatcher().Add("job", run =>
        {
            ran.Enqueue(run.Arg);
            if (ran.Count == 1)
            {
                throw new InvalidOperationException("first run fails");
            }
        });
        await using var h = WorkerHarness.Create(dispatcher, o => Sign(o, K1));
        var ct = TestContext.Current.CancellationToken;
        await h.Storage.EnqueueAsync(JobDefaults.Queue, Signed(Signer(Forger), "forged", "job", "evil"), ct);
        await h.StartAsync();
        await h.UntilAsync(() => h.Count().Dead == 1, what: "the forged payload to die");
        await h.Client.EnqueueAsync(TestDispatcher.Request("job", "fine", maxAttempts: 1), cancellationToken: ct);
        await h.UntilAsync(() => h.Count().Dead == 2, what: "the genuine job to die after its one attempt");

        var entries = (await h.Monitor.GetDeadAsync(JobDefaults.Queue, 0, 10, ct)).ToDictionary(e => e.Dead.Reason);
        Assert.False(await h.Monitor.RetryDeadAsync(entries[DeathReason.BadSignature], ct));
        Assert.True(await h.Monitor.RetryDeadAsync(entries[DeathReason.AttemptsExhausted], ct));
        await h.UntilAsync(() => ran.Count == 2, what: "the retried job to run");
        await h.StopAsync();
        Assert.Equal(["fine", "fine"], ran.ToArray());
        Assert.Equal(DeathReason.BadSignature, Assert.Single(h.Dead()).Reason);
    }

    [Fact]
    public async Task A_worker_without_signing_keys_runs_signed_envelopes_the_signature_is_a_skipped_trailing_field()
    {
        var ran = new Countdown(1);
        await using var h = WorkerHarness.Create(new TestDispatcher().Add("job", _ => ran.Hit()));
        await h.Storage.EnqueueAsync(JobDefaults.Queue, Signed(Signer(K1), "s", "job", "x"), TestContext.Current.CancellationToken);
        await h.StartAsync();
        await ran.WaitAsync();
        await h.StopAsync();
        Assert.Equal((0, 0, 0, 0), h.Count());
    }

    [Fact]
    public void A_signature_must_be_the_last_entry()
    {
        var signed = Signed(Signer(K1), "s", "job", "x");
        var patched = signed.ToArray();
        patched[0]++; // one more entry in the map header than the bytes hold after the signature
        var extended = patched.Concat(new byte[] { 0x0c, 0xc0 }).ToArray(); // ... and that entry after the signature
        var ex = Assert.Throws<JobPayloadException>(() => EnvelopeSerializer.Deserialize(extended));
        Assert.Contains("after its signature", ex.Message);
    }

    [Fact]
    public void Invalid_keys_stop_the_start_with_a_message_naming_the_entry_and_never_the_secret()
    {
        var secret = Convert.ToBase64String(new byte[16]);
        var services = new ServiceCollection();
        services.AddJobGen(o =>
        {
            o.Security.SigningKeys.Add(new SecurityKey { Id = "short", Key = secret });
            o.Security.SigningKeys.Add(new SecurityKey { Id = "bad id!", Key = Convert.ToBase64String(new byte[32]) });
            o.Security.SensitiveKeys.Add(new SecurityKey { Id = "aes", Key = Convert.ToBase64String(new byte[48]) });
        }).UseInMemory();
        using var provider = services.BuildServiceProvider();
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<JobGenOptions>>().Value);
        Assert.Contains("JobGen:Security:SigningKeys:0:Key (id 'short') must be base64 of at least 32", ex.Message);
        Assert.Contains("JobGen:Security:SigningKeys:1:Id must be", ex.Message);
        Assert.Contains("JobGen:Security:SensitiveKeys:0:Key (id 'aes') must be base64 of exactly 32", ex.Message);
        Assert.DoesNotContain(secret, ex.Message);
    }

    // The body of one signed payload with the signature entry of another.
    private static byte[] Graft(byte[] body, byte[] signatureOf)
    {
        var b = EnvelopeSerializer.Deserialize(body);
        var s = EnvelopeSerializer.Deserialize(signatureOf);
        return [.. body.AsSpan(0, b.SignedLength), .. signatureOf.AsSpan(s.SignedLength)];
    }
}
