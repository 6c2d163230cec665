using System.Text;
using JobGen;

namespace SampleApp;

/// <summary>Outgoing webhooks: retried for a long time, because customers' endpoints go down.</summary>
public sealed class WebhookJobs(IJobJournal journal)
{
    /// <summary>POSTs one event. The enqueued job's id is the delivery id the receiver de-duplicates on.</summary>
    [BackgroundJob("webhooks.deliver", Queue = "webhooks", MaxAttempts = 20)]
    public async ValueTask DeliverWebhook(WebhookDelivery delivery, JobContext context, CancellationToken cancellationToken)
    {
        var headers = string.Join(';', delivery.Headers.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"));
        await journal.WriteAsync(
            $"webhooks.deliver id={context.JobId} url={delivery.Url} event={delivery.Event} body={Encoding.UTF8.GetString(delivery.Body)} headers={headers}",
            cancellationToken).ConfigureAwait(false);
    }
}
