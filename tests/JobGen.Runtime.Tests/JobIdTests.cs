namespace JobGen.Runtime.Tests;

/// <summary>Job ids are version-7 UUIDs as 32 lowercase hex digits, unique, and ordered by their millisecond.</summary>
public sealed class JobIdTests
{
    [Fact]
    public void Ids_are_distinct_version_7_uuids_stamped_with_the_time()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var ids = Enumerable.Range(0, 10_000).Select(_ => JobIds.NewId()).ToList();
        var after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        foreach (var id in ids)
        {
            Assert.Matches("^[0-9a-f]{32}$", id);
            var uuid = Guid.ParseExact(id, "N");
            Assert.Equal(7, uuid.Version);
            Assert.Contains(id[16], "89ab");
            var ms = Convert.ToInt64(id[..12], 16);
            Assert.InRange(ms, before, after);
        }
    }

    [Fact]
    public void Ids_made_in_later_milliseconds_sort_after_earlier_ones()
    {
        var earlier = JobIds.NewId(1_700_000_000_000);
        var later = JobIds.NewId(1_700_000_000_001);

        Assert.True(string.CompareOrdinal(earlier, later) < 0);
        Assert.StartsWith("018bcfe56800", earlier, StringComparison.Ordinal);
    }
}
