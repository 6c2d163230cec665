using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;

namespace Acme.Images;

public sealed class ImageJobs(IBlobStore blobs, IThumbnailer thumbnailer)
{
    /// <summary>Overwrites thumbnails at keys derived from the image: running twice gives the same blobs.</summary>
    [BackgroundJob("images.thumbnails", Queue = "images", TimeoutSeconds = 120)]
    public async Task GenerateThumbnails(Guid imageId, List<int> widths, CancellationToken cancellationToken)
    {
        foreach (var width in widths)
        {
            await using var original = await blobs.OpenReadAsync($"originals/{imageId}", cancellationToken).ConfigureAwait(false);
            if (original is null)
            {
                return;
            }

            await using var resized = await thumbnailer.ResizeAsync(original, width, cancellationToken).ConfigureAwait(false);
            await blobs.PutAsync($"thumbnails/{imageId}/{width}.jpg", resized, cancellationToken).ConfigureAwait(false);
        }
    }
}
