using Microsoft.Extensions.DependencyInjection;

namespace JobGen.Testing.Tests;

/// <summary>Every recorded enqueue is decoded and re-encoded by the generated formatters at once.</summary>
public sealed class RecordingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_payload_that_does_not_decode_fails_the_enqueue()
    {
        await using var jobs = new FakeJobClient();
        var trailing = new JobRequest("orders.ping", "default", 1, new byte[] { 0x90, 0x01 }); // [] then a stray 1

        var ex = await Assert.ThrowsAsync<JobAssertionException>(async () => await jobs.EnqueueAsync(trailing, cancellationToken: Ct));

        Assert.Contains("The arguments of job 'orders.ping' do not decode with its generated formatter", ex.Message, StringComparison.Ordinal);
        Assert.Empty(jobs.Enqueued);
    }

    [Fact]
    public async Task A_payload_that_encodes_back_to_other_bytes_fails_the_enqueue()
    {
        await using var jobs = new FakeJobClient();
        // orderId 7 as a 5-byte int32 where the formatter writes one byte; amount 1 as a decimal string.
        var request = new JobRequest("orders.charge", "payments", 5, new byte[] { 0x92, 0xd2, 0, 0, 0, 7, 0xa1, (byte)'1' });

        var ex = await Assert.ThrowsAsync<JobAssertionException>(async () => await jobs.EnqueueAsync(request, cancellationToken: Ct));

        Assert.Contains("do not survive encoding: ChargeOrder(orderId: 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vetoed_job_is_not_recorded_and_a_bulk_enqueue_records_each_job()
    {
        await using var jobs = new FakeJobClient(s => s.AddJobGen().AddClientMiddleware(new VetoNotes()));

        await jobs.EnqueueAddNoteAsync("dropped", cancellationToken: Ct);
        await jobs.EnqueueManyAsync([Requests.Ping(), Requests.Charge(3)], Ct);

        jobs.AssertNotEnqueued.AddNote();
        jobs.AssertEnqueued.Ping();
        jobs.AssertEnqueued.ChargeOrder(orderId: 3);
        Assert.Equal(2, jobs.Enqueued.Count);
    }

    private static class Requests
    {
        public static JobRequest Ping() => JobGenTestingTestsJobs.CreatePingRequest();

        public static JobRequest Charge(int orderId) => JobGenTestingTestsJobs.CreateChargeOrderRequest(orderId, 1m);
    }

    private sealed class VetoNotes : IClientMiddleware
    {
        public ValueTask InvokeAsync(EnqueueContext job, EnqueueDelegate next, CancellationToken cancellationToken) =>
            job.Job == "orders.note" ? ValueTask.CompletedTask : next();
    }
}
