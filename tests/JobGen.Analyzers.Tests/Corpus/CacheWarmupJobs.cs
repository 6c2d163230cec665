using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Acme.Caching;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Storefront;

public sealed record HomePageModel(IReadOnlyList<string> FeaturedSkus, IReadOnlyList<string> Banners);

public interface IHomePageBuilder
{
    Task<HomePageModel> BuildAsync(string market, CancellationToken cancellationToken);
}

/// <summary>Pre-renders the home page model per market after a deploy; overwriting a cache key is idempotent.</summary>
public sealed class CacheWarmupJobs(IHomePageBuilder builder, IDistributedCache cache, ILogger<CacheWarmupJobs> logger)
{
    [BackgroundJob("storefront.warm-home", Queue = "low")]
    public async Task WarmHomePage(string[] markets, CancellationToken cancellationToken)
    {
        foreach (var market in markets)
        {
            var timestamp = Stopwatch.GetTimestamp();
            var model = await builder.BuildAsync(market, cancellationToken).ConfigureAwait(false);
            await cache.SetStringAsync($"home:{market}", JsonSerializer.Serialize(model), TimeSpan.FromMinutes(30), cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Warmed home page for {Market} in {Elapsed}", market, Stopwatch.GetElapsedTime(timestamp));
        }
    }

    [BackgroundJob("storefront.evict-home", Queue = "low")]
    public Task EvictHomePage(string market, CancellationToken cancellationToken) =>
        cache.RemoveAsync($"home:{market}", cancellationToken);
}
