using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Acme.Services;
using JobGen;
using Microsoft.Extensions.Logging;

namespace Acme.Media;

public enum Rendition
{
    P360,
    P720,
    P1080,
}

public interface ITranscoder
{
    Task<System.IO.Stream> TranscodeAsync(System.IO.Stream source, Rendition rendition, CancellationToken cancellationToken);
}

/// <summary>Each rendition is written to a key derived from the video and the rendition; existing ones are skipped.</summary>
public sealed class VideoTranscodeJobs(IBlobStore blobs, ITranscoder transcoder, ILogger<VideoTranscodeJobs> logger)
{
    [BackgroundJob("media.transcode", Queue = "media", MaxAttempts = 3, TimeoutSeconds = 3600)]
    public async Task TranscodeVideo(Guid videoId, List<Rendition> renditions, CancellationToken cancellationToken)
    {
        foreach (var rendition in renditions)
        {
            var key = $"videos/{videoId}/{rendition}.mp4";
            await using var existing = await blobs.OpenReadAsync(key, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                continue;
            }

            var renditionStart = DateTimeOffset.UtcNow;
            await using var source = await blobs.OpenReadAsync($"videos/{videoId}/source", cancellationToken).ConfigureAwait(false);
            if (source is null)
            {
                logger.LogWarning("Source of video {VideoId} is gone", videoId);
                return;
            }

            await using var output = await transcoder.TranscodeAsync(source, rendition, cancellationToken).ConfigureAwait(false);
            await blobs.PutAsync(key, output, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Video {VideoId} {Rendition} done in {Elapsed}", videoId, rendition, DateTimeOffset.UtcNow - renditionStart);
        }
    }
}
