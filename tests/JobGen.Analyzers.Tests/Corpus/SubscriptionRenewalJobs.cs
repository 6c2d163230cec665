using System;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Subscriptions;

public interface ISubscriptionStore
{
    Task<(int CustomerId, decimal Price, string Currency, DateTimeOffset PaidUntil)?> FindAsync(Guid subscriptionId, CancellationToken cancellationToken);

    /// <summary>Moves PaidUntil forward to <paramref name="paidUntil"/> unless it is already there or later.</summary>
    Task ExtendAsync(Guid subscriptionId, DateTimeOffset paidUntil, CancellationToken cancellationToken);
}

/// <summary>
/// Renews one billing period. The period is derived from the stored PaidUntil, never from the wall clock, and the
/// charge carries a key per subscription and period, so a retry can neither charge twice nor extend twice.
/// </summary>
public sealed class SubscriptionRenewalJobs(ISubscriptionStore subscriptions, IPaymentGateway gateway, ILogger<SubscriptionRenewalJobs> logger)
{
    [BackgroundJob("subscriptions.renew", Queue = "billing", MaxAttempts = 5)]
    public async Task RenewSubscription(Guid subscriptionId, CancellationToken cancellationToken)
    {
        var found = await subscriptions.FindAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        if (found is not { } subscription)
        {
            return;
        }

        var periodEnd = subscription.PaidUntil.AddMonths(1);
        await gateway.ChargeAsync(subscription.CustomerId, subscription.Price, subscription.Currency,
            $"renewal:{subscriptionId}:{subscription.PaidUntil:yyyyMMdd}", cancellationToken).ConfigureAwait(false);
        await subscriptions.ExtendAsync(subscriptionId, periodEnd, cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Renewed {SubscriptionId} until {PeriodEnd} (processed at {ProcessedAt:O})", subscriptionId, periodEnd, DateTimeOffset.UtcNow);
    }
}
