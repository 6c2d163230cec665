using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Shipping;

public enum ShipmentStatus
{
    Created,
    InTransit,
    Delivered,
    Returned,
}

public sealed record CarrierEvent(string TrackingNumber, ShipmentStatus Status, DateTimeOffset OccurredAt);

public interface IShipmentStore
{
    /// <summary>Records the carrier's status with the carrier's own timestamp; a repeated event is a no-op.</summary>
    Task ApplyAsync(string trackingNumber, ShipmentStatus status, DateTimeOffset occurredAt, CancellationToken cancellationToken);
}

/// <summary>Polls the carrier for a shipment; latency is measured with the tick counter for the log only.</summary>
public sealed class ShipmentTrackingJobs(HttpClient carrier, IShipmentStore shipments, ILogger<ShipmentTrackingJobs> logger)
{
    [BackgroundJob("shipping.poll-carrier", Queue = "shipping", MaxAttempts = 12)]
    public async Task PollCarrier(string trackingNumber, CancellationToken cancellationToken)
    {
        var startTicks = Environment.TickCount64;
        var latest = await carrier.GetFromJsonAsync<CarrierEvent>($"tracking/{trackingNumber}/latest", cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Carrier answered for {TrackingNumber} in {ElapsedMs} ms", trackingNumber, Environment.TickCount64 - startTicks);
        if (latest is not null)
        {
            await shipments.ApplyAsync(latest.TrackingNumber, latest.Status, latest.OccurredAt, cancellationToken).ConfigureAwait(false);
        }
    }
}
