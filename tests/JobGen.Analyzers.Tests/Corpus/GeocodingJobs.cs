using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using Acme.Caching;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Geo;

public sealed record GeocodeResult(double Latitude, double Longitude);

public interface IAddressBook
{
    Task<string?> AddressOfAsync(int customerId, CancellationToken cancellationToken);

    /// <summary>Overwrites the customer's coordinates.</summary>
    Task SetCoordinatesAsync(int customerId, double latitude, double longitude, CancellationToken cancellationToken);
}

/// <summary>Geocodes a customer address, through a cache of previous answers; lookups are timed with the injected TimeProvider.</summary>
public sealed class GeocodingJobs(HttpClient geocoder, IDistributedCache cache, IAddressBook addresses, TimeProvider time, ILogger<GeocodingJobs> logger)
{
    [BackgroundJob("geo.geocode-customer", Queue = "integrations")]
    public async Task GeocodeCustomer(int customerId, CancellationToken cancellationToken)
    {
        var address = await addresses.AddressOfAsync(customerId, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(address))
        {
            return;
        }

        var cacheKey = $"geocode:{address.Trim().ToUpperInvariant()}";
        var cached = await cache.GetStringAsync(cacheKey, cancellationToken).ConfigureAwait(false);
        GeocodeResult? result;
        if (cached is not null)
        {
            var parts = cached.Split(',');
            result = new GeocodeResult(double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
        }
        else
        {
            var started = time.GetTimestamp();
            result = await geocoder.GetFromJsonAsync<GeocodeResult>($"geocode?q={Uri.EscapeDataString(address)}", cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Geocoder answered in {Elapsed}", time.GetElapsedTime(started));
            if (result is null)
            {
                return;
            }

            await cache.SetStringAsync(cacheKey, string.Create(CultureInfo.InvariantCulture, $"{result.Latitude},{result.Longitude}"), TimeSpan.FromDays(30), cancellationToken).ConfigureAwait(false);
        }

        await addresses.SetCoordinatesAsync(customerId, result.Latitude, result.Longitude, cancellationToken).ConfigureAwait(false);
    }
}
