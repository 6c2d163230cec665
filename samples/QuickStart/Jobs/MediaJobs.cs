using JobGen;

namespace QuickStart.Jobs;

/// <summary>Image work: a job with a list argument.</summary>
public sealed class MediaJobs(DemoCounters counters)
{
    /// <summary>Renders one thumbnail per requested width (the demo only computes the file names).</summary>
    [BackgroundJob("media.thumbnails", Queue = "media")]
    public ValueTask RenderThumbnails(Guid imageId, List<int> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var bytes = 0;
        foreach (var width in widths)
        {
            bytes += $"{imageId:N}-{width}w.webp".Length;
        }

        counters.Completed();
        return ValueTask.CompletedTask;
    }
}
