namespace JobGen.Worker;

/// <summary>
/// How many jobs the fetcher keeps ready for the processors (its limit). A fixed <c>FetchBatchSize</c> pins it. By
/// default it adapts between <c>Concurrency</c> and <see cref="AutoMax"/> by how long a full batch took to drain to
/// the low-water mark: under <see cref="GrowBelow"/> twice in a row it doubles (short jobs: per-fetch work, not the
/// jobs, is the cost, and a ready job waits only a few milliseconds; once is not enough, as idle processors empty the
/// first batch at once however long its jobs run), over <see cref="ShrinkAfter"/> it halves (long jobs: a big
/// prefetch would only keep jobs from other worker processes). Measured in docs/performance.md.
/// </summary>
internal sealed class FetchSizer
{
    /// <summary>Most jobs an adaptive fetcher holds ready (no-op drains gain nothing beyond ~256).</summary>
    public const int AutoMax = 512;

    /// <summary>A batch that drains to its low-water mark faster than this grows.</summary>
    public static readonly TimeSpan GrowBelow = TimeSpan.FromMilliseconds(2);

    /// <summary>A batch that drains to its low-water mark slower than this shrinks.</summary>
    public static readonly TimeSpan ShrinkAfter = TimeSpan.FromMilliseconds(100);

    private readonly int _min;
    private readonly int _max;
    private bool _lastWasFast;

    public FetchSizer(JobWorkerOptions options)
    {
        _min = options.FetchBatchSize > 0 ? options.FetchBatchSize : options.Concurrency;
        _max = options.FetchBatchSize > 0 ? options.FetchBatchSize : Math.Max(options.Concurrency, AutoMax);
        Limit = _min;
    }

    /// <summary>The most jobs the fetcher may ever hold ready (the channel's capacity).</summary>
    public int Capacity => _max;

    /// <summary>Jobs to hold ready now; the fetcher refills when half of them were taken.</summary>
    public int Limit { get; private set; }

    /// <summary>A full batch (as many jobs as asked for) drained to the low-water mark in <paramref name="drain"/>.</summary>
    public void FullBatchDrained(TimeSpan drain)
    {
        var fast = drain < GrowBelow;
        if (fast && _lastWasFast)
        {
            Limit = Math.Min(_max, Limit * 2);
        }
        else if (drain > ShrinkAfter)
        {
            Limit = Math.Max(_min, Limit / 2);
        }

        _lastWasFast = fast;
    }
}
