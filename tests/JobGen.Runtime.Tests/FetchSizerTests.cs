using JobGen.Worker;

namespace JobGen.Runtime.Tests;

// The adaptive fetch batch (FetchBatchSize = 0): grows while short jobs drain batches fast, shrinks for slow jobs.
public sealed class FetchSizerTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromMilliseconds(0.5);
    private static readonly TimeSpan Slow = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Between = TimeSpan.FromMilliseconds(20);

    [Fact]
    public void Starts_at_the_concurrency_and_doubles_on_each_fast_drain_after_the_first_up_to_512()
    {
        var sizer = new FetchSizer(new JobWorkerOptions { Concurrency = 16 });
        Assert.Equal(16, sizer.Limit);
        Assert.Equal(512, sizer.Capacity);

        sizer.FullBatchDrained(Fast);
        Assert.Equal(16, sizer.Limit); // idle processors empty the first batch at once, whatever its jobs

        var seen = new List<int>();
        for (var i = 0; i < 8; i++)
        {
            sizer.FullBatchDrained(Fast);
            seen.Add(sizer.Limit);
        }

        Assert.Equal([32, 64, 128, 256, 512, 512, 512, 512], seen);
    }

    [Fact]
    public void Slow_drains_halve_it_back_to_the_concurrency_and_moderate_ones_keep_it()
    {
        var sizer = new FetchSizer(new JobWorkerOptions { Concurrency = 10 });
        for (var i = 0; i < 4; i++)
        {
            sizer.FullBatchDrained(Fast);
        }

        Assert.Equal(80, sizer.Limit);
        sizer.FullBatchDrained(Between);
        Assert.Equal(80, sizer.Limit);

        var seen = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            sizer.FullBatchDrained(Slow);
            seen.Add(sizer.Limit);
        }

        Assert.Equal([40, 20, 10, 10], seen);
    }

    [Fact]
    public void Long_jobs_never_grow_it()
    {
        var sizer = new FetchSizer(new JobWorkerOptions { Concurrency = 4 });
        for (var i = 0; i < 10; i++)
        {
            sizer.FullBatchDrained(i % 2 == 0 ? Fast : Slow); // the first batch of a wave fills idle processors
        }

        Assert.Equal(4, sizer.Limit);
    }

    [Fact]
    public void A_fixed_batch_size_never_changes()
    {
        var sizer = new FetchSizer(new JobWorkerOptions { Concurrency = 4, FetchBatchSize = 50 });
        for (var i = 0; i < 5; i++)
        {
            sizer.FullBatchDrained(Fast);
        }

        sizer.FullBatchDrained(Slow);
        Assert.Equal(50, sizer.Limit);
        Assert.Equal(50, sizer.Capacity);
    }

    [Fact]
    public void A_concurrency_above_512_is_its_own_ceiling()
    {
        var sizer = new FetchSizer(new JobWorkerOptions { Concurrency = 1000 });
        sizer.FullBatchDrained(Fast);
        sizer.FullBatchDrained(Fast);
        Assert.Equal(1000, sizer.Limit);
        Assert.Equal(1000, sizer.Capacity);
    }
}
