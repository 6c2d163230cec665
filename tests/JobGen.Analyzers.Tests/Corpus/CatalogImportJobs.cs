using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Catalog;

public sealed class Product
{
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public decimal Price { get; set; }
}

public sealed class CatalogDb : DbContext
{
    public DbSet<Product> Products { get; } = new();
}

public interface ISupplierFeed
{
    Task<IReadOnlyList<(string Sku, string Name, decimal Price)>> ReadAsync(string supplierCode, CancellationToken cancellationToken);
}

/// <summary>Imports a supplier's feed: rows are inserted only when their SKU is missing, updated otherwise.</summary>
public sealed class CatalogImportJobs(CatalogDb db, ISupplierFeed feed, ILogger<CatalogImportJobs> logger)
{
    [BackgroundJob("catalog.import-feed", Queue = "imports", TimeoutSeconds = 600)]
    public async Task ImportSupplierFeed(string supplierCode, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var rows = await feed.ReadAsync(supplierCode, cancellationToken).ConfigureAwait(false);
        var inserted = 0;
        foreach (var row in rows)
        {
            var existing = await db.Products.FirstOrDefaultAsync(p => p.Sku == row.Sku, cancellationToken).ConfigureAwait(false);
            if (existing is null)
            {
                db.Products.Add(new Product { Sku = row.Sku, Name = row.Name, Price = row.Price });
                inserted++;
            }
            else
            {
                existing.Name = row.Name;
                existing.Price = row.Price;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Imported {Rows} rows ({Inserted} new) from {Supplier} in {ElapsedMs} ms",
            rows.Count, inserted, supplierCode, stopwatch.ElapsedMilliseconds);
    }
}
