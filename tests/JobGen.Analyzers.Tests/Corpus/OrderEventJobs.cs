using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using MessagePack;
using Microsoft.Extensions.Logging;

namespace Acme.Orders.Events;

/// <summary>A small message with its own id: what a careful team passes, not an entity (no navigation, no mapping).</summary>
[MessagePackObject]
public sealed record OrderShipped(
    [property: Key(0)] Guid Id,
    [property: Key(1)] int OrderId,
    [property: Key(2)] string Carrier,
    [property: Key(3)] ShippingAddress To,
    [property: Key(4)] IReadOnlyList<string> TrackingNumbers);

[MessagePackObject]
public sealed record ShippingAddress([property: Key(0)] string Street, [property: Key(1)] string City, [property: Key(2)] string Country);

public sealed class OrderEventJobs(ILogger<OrderEventJobs> logger)
{
    [BackgroundJob("orders.shipped-notice")]
    public Task SendShippedNotice(OrderShipped message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Order {OrderId} shipped with {Carrier} ({EventId})", message.OrderId, message.Carrier, message.Id);
        return Task.CompletedTask;
    }
}
