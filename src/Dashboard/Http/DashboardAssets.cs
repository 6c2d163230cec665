using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace JobGen.Dashboard.Http;

/// <summary>
/// The stylesheet and the script, embedded in this assembly and served from it (no CDN). Links carry a content hash,
/// so a response is cached for a year and a new version has a new URL.
/// </summary>
internal sealed class DashboardAssets
{
    private readonly Asset _css = Load("dashboard.css", "text/css; charset=utf-8");
    private readonly Asset _js = Load("dashboard.js", "text/javascript; charset=utf-8");

    public string CssVersion => _css.Version;

    public string JsVersion => _js.Version;

    public Task ServeCssAsync(HttpContext context) => ServeAsync(context, _css);

    public Task ServeJsAsync(HttpContext context) => ServeAsync(context, _js);

    private static Task ServeAsync(HttpContext context, Asset asset)
    {
        var response = context.Response;
        var etag = "\"" + asset.Version + "\"";
        response.Headers.ETag = etag;
        response.Headers.CacheControl = "public, max-age=31536000, immutable";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }

        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Bytes.Length;
        return response.Body.WriteAsync(asset.Bytes).AsTask();
    }

    private static Asset Load(string name, string contentType)
    {
        // Reading our own embedded resource by name: trim- and AOT-safe, not reflection over user types.
#pragma warning disable RS0030
        using var stream = typeof(DashboardAssets).Assembly.GetManifestResourceStream("JobGen.Dashboard." + name)
            ?? throw new InvalidOperationException($"The dashboard asset {name} is missing from the assembly.");
#pragma warning restore RS0030
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        var version = Convert.ToHexStringLower(SHA256.HashData(bytes))[..12];
        return new Asset(bytes, contentType, version);
    }

    private sealed record Asset(byte[] Bytes, string ContentType, string Version);
}
