namespace JobGen;

/// <summary>Defaults shared by the attribute, the client and the worker.</summary>
public static class JobDefaults
{
    /// <summary>The queue used when none is named.</summary>
    public const string Queue = "default";

    /// <summary>Attempts before a job dies: 25, as in Sidekiq (how long they last: docs/retries.md).</summary>
    public const int MaxAttempts = 25;
}
