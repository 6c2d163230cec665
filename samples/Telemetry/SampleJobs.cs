using System.Collections.Concurrent;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Telemetry;

/// <summary>The sample's jobs: their own log lines carry the run's scope.</summary>
public sealed class SampleJobs(ILogger<SampleJobs> logger)
{
    private static readonly ConcurrentDictionary<int, int> Attempts = new();

    [BackgroundJob("orders.confirm", Queue = "default")]
    public ValueTask ConfirmOrder(int orderId)
    {
        logger.LogInformation("Order {OrderId} confirmed", orderId);
        return ValueTask.CompletedTask;
    }

    [BackgroundJob("billing.sync_invoice", MaxAttempts = 2)]
    public ValueTask SyncInvoice(int invoiceId, int failuresBeforeSuccess)
    {
        if (Attempts.AddOrUpdate(invoiceId, 1, (_, n) => n + 1) <= failuresBeforeSuccess)
        {
            throw new HttpRequestException($"The billing API refused invoice {invoiceId}");
        }

        logger.LogInformation("Invoice {InvoiceId} synced", invoiceId);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Retries at once, so the sample shows a retry and a death in two seconds.</summary>
public sealed class RetryAtOnce : IRetryPolicy
{
    public TimeSpan? GetRetryDelay(JobEnvelope envelope, Exception exception) => TimeSpan.Zero;
}
