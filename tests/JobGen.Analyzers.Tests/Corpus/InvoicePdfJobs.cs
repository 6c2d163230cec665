using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;

namespace Acme.Billing;

public interface IPdfRenderer
{
    Task<Stream> RenderInvoiceAsync(Guid invoiceId, string locale, CancellationToken cancellationToken);
}

/// <summary>Renders an invoice PDF to the invoice's own blob key (overwrite); render time and size go to metrics.</summary>
public sealed class InvoicePdfJobs(IPdfRenderer renderer, IBlobStore blobs)
{
    private static readonly Meter Meter = new("Acme.Billing");
    private static readonly Histogram<double> RenderSeconds = Meter.CreateHistogram<double>("acme.invoice.render.duration", unit: "s");
    private static readonly Counter<long> Rendered = Meter.CreateCounter<long>("acme.invoice.rendered");

    [BackgroundJob("billing.render-invoice-pdf", Queue = "documents", TimeoutSeconds = 120)]
    public async Task RenderInvoicePdf(Guid invoiceId, string locale, CancellationToken cancellationToken)
    {
        var renderStarted = DateTimeOffset.UtcNow;
        await using var pdf = await renderer.RenderInvoiceAsync(invoiceId, locale, cancellationToken).ConfigureAwait(false);
        await blobs.PutAsync($"invoices/{invoiceId}/{locale}.pdf", pdf, cancellationToken).ConfigureAwait(false);
        var tags = new KeyValuePair<string, object?>("locale", locale);
        RenderSeconds.Record((DateTimeOffset.UtcNow - renderStarted).TotalSeconds, tags);
        Rendered.Add(1, tags);
    }
}
