using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Acme.Caching;
using JobGen;

namespace Acme.Finance;

public sealed record RateTable(string Base, Dictionary<string, decimal> Rates);

/// <summary>Refreshes the cached rates: a GET, then a cache write of the same key (last write wins).</summary>
public sealed class ExchangeRateJobs(HttpClient rates, IDistributedCache cache)
{
    private static readonly Meter Meter = new("Acme.Finance");
    private static readonly Histogram<double> FetchDuration = Meter.CreateHistogram<double>("acme.rates.fetch.duration", unit: "s");

    [BackgroundJob("finance.refresh-rates", Queue = "finance", MaxAttempts = 4)]
    public async Task RefreshRates(string baseCurrency, CancellationToken cancellationToken)
    {
        var requestStart = DateTimeOffset.UtcNow;
        var table = await rates.GetFromJsonAsync<RateTable>($"latest?base={baseCurrency}", cancellationToken).ConfigureAwait(false);
        FetchDuration.Record((DateTimeOffset.UtcNow - requestStart).TotalSeconds, new KeyValuePair<string, object?>("base", baseCurrency));
        if (table is null)
        {
            return;
        }

        foreach (var (currency, rate) in table.Rates)
        {
            await cache.SetStringAsync($"rates:{baseCurrency}:{currency}", rate.ToString(System.Globalization.CultureInfo.InvariantCulture),
                TimeSpan.FromHours(1), cancellationToken).ConfigureAwait(false);
        }
    }
}
