using JobGen;

namespace QuickStart;

/// <summary>Where the demo keeps its jobs: the embedded store by default, Redis with <c>--redis HOST:PORT</c>.</summary>
internal static class StorageChoice
{
    /// <summary>Applies the choice; false (with a message) when it cannot be honoured by this build.</summary>
    public static bool Apply(JobGenBuilder jobs, string? redis)
    {
        if (redis is null)
        {
            jobs.UseInMemory();
            return true;
        }

        // Hook for the Redis storage (JobGen.Storage.Redis): once it is part of the runtime this line becomes
        //     jobs.UseRedis(redis);
        // and the rest of the demo runs unchanged.
        Console.Error.WriteLine($"--redis {redis}: the Redis storage is not part of this build yet; run without --redis for the embedded store.");
        return false;
    }
}
