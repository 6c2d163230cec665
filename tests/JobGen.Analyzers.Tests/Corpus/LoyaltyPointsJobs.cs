using System;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Loyalty;

public sealed class PointsEntry
{
    public int CustomerId { get; set; }
    public int OrderId { get; set; }
    public int Points { get; set; }
    public DateTimeOffset EarnedAt { get; set; }
}

public sealed class LoyaltyDb : DbContext
{
    public DbSet<PointsEntry> Entries { get; } = new();
}

/// <summary>Awards points once per order: the entry is inserted only when the order has none yet.</summary>
public sealed class LoyaltyPointsJobs(LoyaltyDb db, ILogger<LoyaltyPointsJobs> logger)
{
    [BackgroundJob("loyalty.award-points", Queue = "loyalty")]
    public async Task AwardPoints(int customerId, int orderId, decimal orderTotal, JobContext context, CancellationToken cancellationToken)
    {
        if (await db.Entries.AnyAsync(e => e.OrderId == orderId, cancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Points for order {OrderId} already awarded", orderId);
            return;
        }

        var points = (int)Math.Floor(orderTotal);
        db.Entries.Add(new PointsEntry { CustomerId = customerId, OrderId = orderId, Points = points, EarnedAt = context.CreatedAt });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Awarded {Points} points to {CustomerId} for order {OrderId}", points, customerId, orderId);
    }
}
