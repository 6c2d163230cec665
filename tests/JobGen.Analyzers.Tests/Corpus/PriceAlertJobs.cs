using System;
using System.Diagnostics.Metrics;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;

namespace Acme.Alerts;

public interface IPriceBook
{
    Task<decimal?> CurrentPriceAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>Tells a watcher that a product dropped below the price they set; one email per watch and price.</summary>
public sealed class PriceAlertJobs(IPriceBook prices, IUserStore users, IEmailSender email)
{
    private static readonly Meter Meter = new("Acme.Alerts");
    private static readonly Histogram<long> CheckMs = Meter.CreateHistogram<long>("acme.price_alert.check.duration", unit: "ms");

    [BackgroundJob("alerts.price-drop", Queue = "alerts")]
    public async Task CheckPriceDrop(int userId, string sku, decimal threshold, CancellationToken cancellationToken)
    {
        var checkStartedTicks = DateTime.UtcNow.Ticks;
        var price = await prices.CurrentPriceAsync(sku, cancellationToken).ConfigureAwait(false);
        CheckMs.Record((DateTime.UtcNow.Ticks - checkStartedTicks) / TimeSpan.TicksPerMillisecond);
        if (price is not { } current || current > threshold)
        {
            return;
        }

        var user = await users.FindAsync(userId, cancellationToken).ConfigureAwait(false);
        if (user is not null)
        {
            await email.SendAsync(user.Email, $"{sku} is now {current}", $"Below your alert of {threshold}",
                $"price-drop:{userId}:{sku}:{current}", cancellationToken).ConfigureAwait(false);
        }
    }
}
