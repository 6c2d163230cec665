using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.News;

public sealed class Article
{
    public string FeedUrl { get; set; } = "";
    public string Link { get; set; } = "";
    public string Title { get; set; } = "";
}

public sealed class NewsDb : DbContext
{
    public DbSet<Article> Articles { get; } = new();
}

/// <summary>Reads an RSS feed (GET) and inserts the items whose link is not stored yet.</summary>
public sealed class FeedIngestionJobs(HttpClient http, NewsDb db, ILogger<FeedIngestionJobs> logger)
{
    [BackgroundJob("news.ingest-feed", Queue = "ingestion", MaxAttempts = 6)]
    public async Task IngestFeed(string feedUrl, CancellationToken cancellationToken)
    {
        var fetchStart = DateTimeOffset.UtcNow;
        var xml = await http.GetStringAsync(new Uri(feedUrl), cancellationToken).ConfigureAwait(false);
        var fetchTime = DateTimeOffset.UtcNow - fetchStart;
        var items = XDocument.Parse(xml).Descendants("item")
            .Select(i => new Article { FeedUrl = feedUrl, Link = (string?)i.Element("link") ?? "", Title = (string?)i.Element("title") ?? "" })
            .Where(a => a.Link.Length > 0)
            .ToList();

        var fresh = new List<Article>();
        foreach (var item in items)
        {
            if (!await db.Articles.AnyAsync(a => a.Link == item.Link, cancellationToken).ConfigureAwait(false))
            {
                fresh.Add(item);
            }
        }

        db.Articles.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Feed {FeedUrl}: {New} new of {Total} items, fetched in {FetchMs} ms", feedUrl, fresh.Count, items.Count, fetchTime.TotalMilliseconds);
    }
}
