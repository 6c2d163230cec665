using System;
using System.Net.Http;
using System.Net.Http.Json;
using System.Threading;
using System.Threading.Tasks;
using JobGen;
using Microsoft.Extensions.Logging;
using Polly;

namespace Acme.Inventory;

public sealed record StockLevel(string Sku, int Available);

public interface IStockStore
{
    /// <summary>Sets (not adds) the available quantity: the same level written twice is the same state.</summary>
    Task SetAvailableAsync(string sku, int available, CancellationToken cancellationToken);
}

/// <summary>Pulls stock levels from the warehouse API behind a retry pipeline; retries log how long the sync has run.</summary>
public sealed class InventorySyncJobs(HttpClient warehouse, IStockStore stock, ILogger<InventorySyncJobs> logger)
{
    [BackgroundJob("inventory.sync-sku", Queue = "inventory")]
    public async Task SyncSku(string sku, CancellationToken cancellationToken)
    {
        var syncStarted = DateTimeOffset.UtcNow;
        var pipeline = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 4,
                Delay = TimeSpan.FromSeconds(1),
                OnRetry = args =>
                {
                    logger.LogWarning(args.Exception, "Stock request for {Sku} failed (attempt {Attempt}, {Elapsed} since start), retrying in {Delay}",
                        sku, args.AttemptNumber, DateTimeOffset.UtcNow - syncStarted, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        var level = await pipeline.ExecuteAsync(
            async ct => await warehouse.GetFromJsonAsync<StockLevel>($"stock/{Uri.EscapeDataString(sku)}", ct).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
        if (level is not null)
        {
            await stock.SetAvailableAsync(level.Sku, level.Available, cancellationToken).ConfigureAwait(false);
        }
    }
}
