using JobGen;

namespace QuickStart;

/// <summary>Where the demo keeps its jobs: the embedded store by default, Redis with <c>--redis HOST:PORT</c>.</summary>
internal static class StorageChoice
{
    /// <summary>Applies the choice; the same demo then runs unchanged on either storage.</summary>
    public static bool Apply(JobGenBuilder jobs, string? redis)
    {
        if (redis is null)
        {
            jobs.UseInMemory();
        }
        else
        {
            // A private key prefix per run, so a shared Redis keeps earlier demo runs apart.
            jobs.UseRedis(redis, o => o.KeyPrefix = $"jobgen-quickstart-{Guid.NewGuid():N}");
        }

        return true;
    }
}
