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
}
