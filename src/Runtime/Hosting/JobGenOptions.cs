namespace JobGen;

/// <summary>
/// JobGen's settings, bound from the <c>JobGen</c> configuration section (see docs/configuration.md) and
/// then from the <c>AddJobGen(o =&gt; ...)</c> callback. Validated when the host starts.
/// </summary>
public sealed class JobGenOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string SectionName = "JobGen";

    /// <summary>Largest encoded job accepted by the client and run by the worker (bytes); 0 for no limit. Default 1 MiB.</summary>
    public int MaxPayloadBytes { get; set; } = 1024 * 1024;

    /// <summary>Most dead jobs kept per queue. Default 10,000, as in Sidekiq.</summary>
    public int DeadJobsMaxCount { get; set; } = 10_000;

    /// <summary>Oldest dead job kept. Default 180 days, as in Sidekiq.</summary>
    public TimeSpan DeadJobsMaxAge { get; set; } = TimeSpan.FromDays(180);

    /// <summary>The worker's settings (section <c>JobGen:Worker</c>).</summary>
    public JobWorkerOptions Worker { get; set; } = new();

    /// <summary>Envelope signing and argument encryption (section <c>JobGen:Security</c>, docs/security.md); off by default.</summary>
    public JobSecurityOptions Security { get; set; } = new();

    internal JobGen.Storage.DeadSetLimits DeadSetLimits => new(DeadJobsMaxCount, DeadJobsMaxAge);
}
