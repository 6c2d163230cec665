using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Search;

public sealed record ProductDocument(string Sku, string Name, decimal Price);

public interface IProductReader
{
    Task<ProductDocument?> ReadAsync(string sku, CancellationToken cancellationToken);
}

/// <summary>
/// Keeps the search index in step with the catalog. PUT and DELETE by document id are idempotent; the time a
/// document took is measured with two clock reads for the log line only.
/// </summary>
public sealed partial class SearchIndexJobs(HttpClient search, IProductReader products, ILogger<SearchIndexJobs> logger)
{
    [BackgroundJob("search.reindex-product", Queue = "search", MaxAttempts = 8)]
    public async Task ReindexProduct(string sku, CancellationToken cancellationToken)
    {
        var started = DateTime.UtcNow;
        var document = await products.ReadAsync(sku, cancellationToken).ConfigureAwait(false);
        var uri = new Uri($"products/_doc/{Uri.EscapeDataString(sku)}", UriKind.Relative);
        using var response = document is null
            ? await search.DeleteAsync(uri, cancellationToken).ConfigureAwait(false)
            : await search.PutAsJsonAsync(uri, document, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        LogIndexed(logger, sku, (DateTime.UtcNow - started).TotalMilliseconds);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Indexed {Sku} in {ElapsedMs} ms")]
    static partial void LogIndexed(ILogger logger, string sku, double elapsedMs);
}
