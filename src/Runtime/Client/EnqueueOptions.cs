namespace JobGen;

/// <summary>Per-call overrides for one enqueue.</summary>
public sealed class EnqueueOptions
{
    /// <summary>Enqueue on this queue instead of the job's own.</summary>
    public string? Queue { get; init; }

    /// <summary>Run after this delay.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Run no earlier than this time; wins over <see cref="Delay"/>.</summary>
    public DateTimeOffset? RunAt { get; init; }

    /// <summary>Override the job's attempts.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>Headers to add to the job (merged over the request's own).</summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>A job still not started at this time is not run: it is counted and kept as expired (docs/flow-control.md).</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Makes this enqueue unique (or overrides the job's <c>[UniqueJob]</c>): docs/flow-control.md.</summary>
    public UniqueOptions? Unique { get; init; }
}
