using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;

namespace Acme.Billing;

public sealed class BillingJobs(IPaymentGateway gateway, BillingDb db, IJobClient jobs)
{
    /// <summary>
    /// Charges once per invoice: the gateway de-duplicates on the key, the row is inserted only when missing,
    /// and the receipt is enqueued with a key derived from this job.
    /// </summary>
    [BackgroundJob("billing.charge-invoice", Queue = "billing", MaxAttempts = 5, TimeoutSeconds = 60)]
    public async Task ChargeInvoice(Guid invoiceId, int customerId, decimal amount, string currency, JobContext context, CancellationToken cancellationToken)
    {
        if (await db.Payments.AnyAsync(p => p.InvoiceId == invoiceId, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var chargeId = await gateway.ChargeAsync(customerId, amount, currency, $"invoice:{invoiceId}", cancellationToken).ConfigureAwait(false);
        db.Payments.Add(new Payment { InvoiceId = invoiceId, ChargeId = chargeId, ChargedAt = context.CreatedAt });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var options = new EnqueueOptions
        {
            Headers = new Dictionary<string, string> { ["idempotency-key"] = $"receipt:{invoiceId}" },
        };
        await jobs.EnqueueSendReceiptAsync(invoiceId, options, cancellationToken).ConfigureAwait(false);
    }

    [BackgroundJob("billing.send-receipt", Queue = "mailers")]
    public static Task SendReceipt(Guid invoiceId, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.Zero, cancellationToken);

    /// <summary>Dunning runs against the due date captured when the job was created, not the wall clock.</summary>
    [BackgroundJob("billing.dunning")]
    public static ValueTask SendDunningNotices(IReadOnlyList<Guid> invoiceIds, JobContext context, CancellationToken cancellationToken)
    {
        var asOf = context.CreatedAt;
        foreach (var id in invoiceIds.Where(id => id != Guid.Empty))
        {
            cancellationToken.ThrowIfCancellationRequested();
            _ = (id, asOf);
        }

        return ValueTask.CompletedTask;
    }
}
