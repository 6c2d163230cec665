using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Seo;

public interface IPageDirectory
{
    Task<IReadOnlyList<(string Path, DateTimeOffset LastModified)>> PublishedPagesAsync(string site, CancellationToken cancellationToken);
}

/// <summary>Rebuilds a site's sitemap from page data and overwrites the blob; the build time goes to the log.</summary>
public sealed class SitemapJobs(IPageDirectory pages, IBlobStore blobs, ILogger<SitemapJobs> logger)
{
    [BackgroundJob("seo.rebuild-sitemap", Queue = "low")]
    public async Task RebuildSitemap(string site, CancellationToken cancellationToken)
    {
        var begin = DateTime.UtcNow;
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><urlset>");
        foreach (var (path, lastModified) in await pages.PublishedPagesAsync(site, cancellationToken).ConfigureAwait(false))
        {
            xml.Append("<url><loc>https://").Append(site).Append(path).Append("</loc><lastmod>")
                .Append(lastModified.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).Append("</lastmod></url>");
        }

        xml.Append("</urlset>");
        await using var content = new MemoryStream(Encoding.UTF8.GetBytes(xml.ToString()));
        await blobs.PutAsync($"sites/{site}/sitemap.xml", content, cancellationToken).ConfigureAwait(false);
        logger.LogInformation($"Sitemap for {site} rebuilt in {(DateTime.UtcNow - begin).TotalMilliseconds:F0} ms");
    }
}
