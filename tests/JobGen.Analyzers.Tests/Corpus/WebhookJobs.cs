using System;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;

namespace Acme.Webhooks;

public sealed class WebhookJobs(HttpClient http, IWebhookStore store)
{
    /// <summary>The receiver de-duplicates on the delivery id sent as the Idempotency-Key header.</summary>
    [BackgroundJob("webhooks.deliver", Queue = "webhooks", MaxAttempts = 20, TimeoutSeconds = 30)]
    public async Task DeliverWebhook(Guid deliveryId, JobContext context, CancellationToken cancellationToken)
    {
        var delivery = await store.FindAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return;
        }

        using var content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", deliveryId.ToString("N"));
        using var response = await http.PostAsync(delivery.Endpoint, content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        await store.MarkDeliveredAsync(deliveryId, (int)response.StatusCode, context.CreatedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Idempotent by nature (a GET); shows that reads are never flagged.</summary>
    [BackgroundJob("webhooks.ping")]
    public async Task PingEndpoint(string endpoint, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(endpoint), cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}

/// <summary>Session clean-up: deleting by a cut-off twice deletes nothing more.</summary>
public sealed class MaintenanceJobs(SessionDb sessions)
{
    [BackgroundJob("maintenance.purge-sessions", Queue = "maintenance")]
    public Task PurgeExpiredSessions(int maxAgeDays, JobContext context, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        sessions.DeleteExpired(context.CreatedAt.AddDays(-maxAgeDays));
        return Task.CompletedTask;
    }
}
