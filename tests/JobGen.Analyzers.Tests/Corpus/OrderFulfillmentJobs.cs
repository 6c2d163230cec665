using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Orders;

public sealed class Order
{
    public int Id { get; set; }
    public string Status { get; set; } = "new";
    public DateTimeOffset? ReleasedAt { get; set; }
}

public sealed class OrdersDb : DbContext
{
    public DbSet<Order> Orders { get; } = new();
}

/// <summary>
/// Releases a paid order to the warehouse: the status check makes a second run a no-op, the release time is
/// the job's creation time, and the follow-up is enqueued under a key derived from the order.
/// </summary>
public sealed class OrderFulfillmentJobs(OrdersDb db, IJobClient jobs, ILogger<OrderFulfillmentJobs> logger)
{
    [BackgroundJob("orders.release", Queue = "orders", MaxAttempts = 10)]
    public async Task ReleaseOrder(int orderId, JobContext context, CancellationToken cancellationToken)
    {
        var order = await db.Orders.FindAsync(new object?[] { orderId }, cancellationToken).ConfigureAwait(false);
        if (order is null || order.Status != "paid")
        {
            logger.LogInformation("Order {OrderId} not releasable at {CheckedAt}", orderId, DateTimeOffset.UtcNow);
            return;
        }

        order.Status = "released";
        order.ReleasedAt = context.CreatedAt;
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var options = new EnqueueOptions { Headers = new Dictionary<string, string> { ["idempotency-key"] = $"pick-list:{orderId}" } };
        await jobs.EnqueuePrintPickListAsync(orderId, options, cancellationToken).ConfigureAwait(false);
    }

    [BackgroundJob("orders.print-pick-list", Queue = "warehouse")]
    public Task PrintPickList(int orderId, CancellationToken cancellationToken)
    {
        logger.LogInformation("Pick list for order {OrderId} sent to the printer queue", orderId);
        return Task.Delay(TimeSpan.Zero, cancellationToken);
    }
}
