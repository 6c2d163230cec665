using System.Text;
using JobGen.Runtime.Tests.Support;
using JobGen.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static JobGen.Runtime.Tests.Security.SecurityKeys;

namespace JobGen.Runtime.Tests.Security;

/// <summary>
/// [Sensitive] arguments through the real generator, client, worker and in-memory storage. One class: the sensitive
/// key ring is process-wide, so these tests run one after another.
/// </summary>
public sealed class SensitiveArgumentTests
{
    private const string Card = "4111111111111111", Cvv = "737";
    private static readonly SecurityKey A1 = Key("aes-1", 11), A2 = Key("aes-2", 22);

    [Fact]
    public async Task Sensitive_arguments_and_members_are_ciphertext_in_the_storage_and_plain_in_the_job()
    {
        var recorder = new SensitiveRecorder();
        await using var h = Create(recorder, A1);
        var ct = TestContext.Current.CancellationToken;
        await h.Client.EnqueueChargeAsync(7, Card, new PaymentInfo { Holder = "Ada", Cvv = Cvv }, cancellationToken: ct);

        var stored = Assert.Single(h.Storage.Snapshot(SensitiveJobs.Queue).Ready);
        AssertNoPlainText(stored);
        Assert.True(Contains(stored, "Ada")); // only [Sensitive] values are encrypted
        var parameters = h.Provider.GetServices<IJobDispatcher>().SelectMany(d => d.Jobs).Single(j => j.Job == "tests.charge").Parameters;
        Assert.Equal([false, true, false], parameters.Select(p => p.Sensitive));

        await h.StartAsync();
        await h.UntilAsync(() => recorder.Runs.ContainsKey(7), what: "the job to run");
        await h.StopAsync();
        Assert.Equal((Card, "Ada", Cvv), recorder.Runs[7]);
    }

    [Fact]
    public async Task Rotation_old_payloads_decrypt_while_their_key_is_listed_and_die_as_UnknownKey_naming_it_once_removed()
    {
        var recorder = new SensitiveRecorder();
        var ct = TestContext.Current.CancellationToken;
        var info = new PaymentInfo { Holder = "Bob", Cvv = Cvv };
        byte[] oldPayload, newPayload;
        await using (var h = Create(recorder, A1))
        {
            await h.Client.EnqueueChargeAsync(1, Card, info, cancellationToken: ct);
            oldPayload = h.Storage.Snapshot(SensitiveJobs.Queue).Ready.Single();
        }

        await using (var h = Create(recorder, A2, A1))
        {
            await h.Client.EnqueueChargeAsync(2, Card, info, cancellationToken: ct);
            newPayload = h.Storage.Snapshot(SensitiveJobs.Queue).Ready.Single(p => !p.AsSpan().SequenceEqual(oldPayload));
            await h.Storage.EnqueueAsync(SensitiveJobs.Queue, oldPayload, ct);
            await h.StartAsync();
            await h.UntilAsync(() => recorder.Runs.Count == 2, what: "old and new payloads to run under the two-key ring");
            await h.StopAsync();
        }

        Assert.True(Contains(newPayload, "aes-2") && !Contains(newPayload, "aes-1"), "new enqueues use the newest key");
        recorder.Runs.Clear();
        await using (var h = Create(recorder, A2))
        {
            await h.Storage.EnqueueAsync(SensitiveJobs.Queue, oldPayload, ct);
            await h.StartAsync();
            await h.UntilAsync(() => h.Count(SensitiveJobs.Queue).Dead == 1, what: "the old payload to die");
            await h.StopAsync();
            var dead = Assert.Single(h.Dead(SensitiveJobs.Queue));
            Assert.Equal(DeathReason.UnknownKey, dead.Reason);
            Assert.Contains("encrypted with key 'aes-1', which is not in JobGen:Security:SensitiveKeys", dead.Message);
            Assert.Equal(oldPayload, dead.Payload.ToArray()); // the ciphertext is kept, so a retry can work
            AssertNoPlainText(h.Storage.Snapshot(SensitiveJobs.Queue).Dead.Single().Record);
            Assert.Empty(recorder.Runs);
        }

        // The key listed again: the operator retries the dead job and it runs.
        await using (var h = Create(recorder, A2, A1))
        {
            var ctx = TestContext.Current.CancellationToken;
            await h.Storage.EnqueueAsync(SensitiveJobs.Queue, oldPayload, ctx);
            await h.StartAsync();
            await h.UntilAsync(() => recorder.Runs.ContainsKey(1), what: "the old payload to run again");
            await h.StopAsync();
        }
    }

    [Fact]
    public async Task A_ciphertext_moved_to_another_job_does_not_decrypt_and_the_job_is_dead_without_running()
    {
        var recorder = new SensitiveRecorder();
        await using var h = Create(recorder, A1);
        var ct = TestContext.Current.CancellationToken;
        var request = JobGenRuntimeTestsJobs.CreateChargeRequest(3, Card, new PaymentInfo { Holder = "Eve", Cvv = Cvv });
        var altered = request.Arguments.ToArray();
        altered[^1] ^= 0x01; // the last byte of the Cvv's ciphertext
        await h.Client.EnqueueAsync(request with { Arguments = altered }, cancellationToken: ct);
        await h.StartAsync();
        await h.UntilAsync(() => h.Count(SensitiveJobs.Queue).Dead == 1, what: "the altered payload to die");
        await h.StopAsync();
        var dead = Assert.Single(h.Dead(SensitiveJobs.Queue));
        Assert.Equal(DeathReason.BadArguments, dead.Reason);
        Assert.Contains("does not decrypt with key 'aes-1'", dead.Message);
        Assert.Empty(recorder.Runs);
    }

    [Fact]
    public async Task A_host_whose_jobs_have_sensitive_arguments_but_no_key_fails_at_start_naming_them()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddJobGen(o => o.Worker.Enabled = false).UseInMemory();
        builder.Services.AddSingleton(new SensitiveRecorder()).AddJobGenRuntimeTestsJobs();
        using var host = builder.Build();
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(TestContext.Current.CancellationToken));
        Assert.Contains("'cardNumber' of job 'tests.charge'", ex.Message);
        Assert.Contains("JobGen:Security:SensitiveKeys lists no key", ex.Message);
    }

    private static WorkerHarness Create(SensitiveRecorder recorder, params SecurityKey[] keys) =>
        WorkerHarness.Create(
            new TestDispatcher(),
            o =>
            {
                o.Worker.Queues = [SensitiveJobs.Queue];
                foreach (var key in keys)
                {
                    o.Security.SensitiveKeys.Add(key);
                }
            },
            services: s => s.AddSingleton(recorder).AddSingleton(new GeneratedJobRecorder(0)).AddJobGenRuntimeTestsJobs());

    private static void AssertNoPlainText(byte[] bytes)
    {
        Assert.False(Contains(bytes, Card), "the card number is in the storage in clear text");
        Assert.False(Contains(bytes, Cvv), "the CVV is in the storage in clear text");
    }

    private static bool Contains(byte[] bytes, string text) => bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
