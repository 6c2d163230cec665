using JobGen.Storage;

namespace JobGen.Storage.Testing;

// Unique jobs: "take the lock and store the payload, or return the holder's id", atomic however many callers race;
// release only by the job holding the lock; a lapsed lock is free again.
public abstract partial class StorageConformanceTests
{
    private static UniqueLock Lock(string key, string jobId, DateTimeOffset? expiresAt = null) => new(key, jobId, expiresAt);

    [Fact]
    public async Task A_unique_enqueue_stores_once_and_a_duplicate_gets_the_holders_id()
    {
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("first"), null, Lock("k", "job-1"), T0, Ct));
        Assert.Equal("job-1", await Storage.EnqueueUniqueAsync("q", P("second"), null, Lock("k", "job-2"), T0, Ct));

        Assert.Equal(["first"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Unique_locks_are_per_key_and_per_queue()
    {
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("a"), null, Lock("k1", "job-1"), T0, Ct));
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("b"), null, Lock("k2", "job-2"), T0, Ct));
        Assert.Null(await Storage.EnqueueUniqueAsync("other", P("c"), null, Lock("k1", "job-3"), T0, Ct));

        Assert.Equal(["a", "b"], await DrainAsync("q"));
        Assert.Equal(["c"], await DrainAsync("other"));
    }

    [Fact]
    public async Task A_unique_job_due_later_goes_to_the_scheduled_set()
    {
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("later"), T0 + TimeSpan.FromMinutes(5), Lock("k", "job-1"), T0, Ct));
        Assert.Equal("job-1", await Storage.EnqueueUniqueAsync("q", P("dup"), T0 + TimeSpan.FromMinutes(5), Lock("k", "job-2"), T0, Ct));

        Assert.Empty(await DrainAsync("q"));
        Assert.Equal(1, await Storage.PromoteDueAsync("q", T0 + TimeSpan.FromMinutes(5), 10, Ct));
        Assert.Equal(["later"], await DrainAsync("q"));
    }

    [Fact]
    public async Task Only_the_holder_releases_a_unique_lock_and_then_the_key_is_free()
    {
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("first"), null, Lock("k", "job-1"), T0, Ct));

        Assert.False(await Storage.ReleaseUniqueAsync("q", "k", "job-2", Ct));
        Assert.Equal("job-1", await Storage.EnqueueUniqueAsync("q", P("dup"), null, Lock("k", "job-2"), T0, Ct));

        Assert.True(await Storage.ReleaseUniqueAsync("q", "k", "job-1", Ct));
        Assert.False(await Storage.ReleaseUniqueAsync("q", "k", "job-1", Ct));
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("again"), null, Lock("k", "job-3"), T0, Ct));

        Assert.Equal(["first", "again"], await DrainAsync("q"));
    }

    [Fact]
    public async Task A_lapsed_unique_lock_is_free_again()
    {
        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("first"), null, Lock("k", "job-1", T0 + TimeSpan.FromSeconds(10)), T0, Ct));
        Assert.Equal("job-1", await Storage.EnqueueUniqueAsync("q", P("dup"), null, Lock("k", "job-2"), T0 + TimeSpan.FromSeconds(9), Ct));

        Assert.Null(await Storage.EnqueueUniqueAsync("q", P("after"), null, Lock("k", "job-3"), T0 + TimeSpan.FromSeconds(10), Ct));

        Assert.Equal(["first", "after"], await DrainAsync("q"));
        Assert.False(await Storage.ReleaseUniqueAsync("q", "k", "job-1", Ct));
    }

    [Fact]
    public async Task Many_callers_racing_with_one_unique_key_store_exactly_one_payload()
    {
        const int callers = 64;
        var results = await Task.WhenAll(Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
            await Storage.EnqueueUniqueAsync("q", P($"p-{i}"), null, Lock("k", $"job-{i}"), T0, Ct))));

        var winners = results.Count(r => r is null);
        Assert.Equal(1, winners);
        var stored = Assert.Single(await DrainAsync("q"));
        var winner = stored["p-".Length..];
        Assert.All(results.Where(r => r is not null), holder => Assert.Equal("job-" + winner, holder));
    }
}
