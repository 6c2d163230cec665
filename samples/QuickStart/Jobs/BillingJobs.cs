using JobGen;

namespace QuickStart.Jobs;

/// <summary>Talks to a flaky partner API: the first attempt of every sync fails, the retry succeeds.</summary>
public sealed class BillingJobs(DemoCounters counters)
{
    /// <summary>Pushes one invoice to the (pretend) accounting system.</summary>
    [BackgroundJob("billing.sync-invoice", MaxAttempts = 5)]
    public Task SyncInvoice(long invoiceId, decimal amount, JobContext context)
    {
        if (context.Attempt == 1)
        {
            throw new HttpRequestException($"accounting API timed out for invoice {invoiceId} (demo: the first attempt always fails)");
        }

        counters.Completed();
        return Task.CompletedTask;
    }
}
