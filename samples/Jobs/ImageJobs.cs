using System.Globalization;
using JobGen;

namespace SampleApp;

/// <summary>Image processing after an upload.</summary>
public sealed class ImageJobs(IJobJournal journal)
{
    /// <summary>Renders every requested thumbnail of an uploaded image.</summary>
    [BackgroundJob("images.thumbnails", MaxAttempts = 5)]
    public async Task MakeThumbnails(Guid imageId, List<ThumbnailSize> sizes, CancellationToken cancellationToken)
    {
        var rendered = new List<string>(sizes.Count);
        foreach (var size in sizes)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken).ConfigureAwait(false);
            rendered.Add(string.Create(CultureInfo.InvariantCulture, $"{size.Width}x{size.Height}.{size.Format.ToString().ToLowerInvariant()}"));
        }

        await journal.WriteAsync($"images.thumbnails image={imageId:N} sizes={string.Join(',', rendered)}", cancellationToken).ConfigureAwait(false);
    }
}
