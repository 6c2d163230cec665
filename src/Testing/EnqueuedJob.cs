namespace JobGen.Testing;

/// <summary>One job as a <see cref="FakeJobClient"/> recorded it: what the storage received, after client middleware.</summary>
/// <param name="Id">The id the enqueue returned.</param>
/// <param name="Job">The stable job id.</param>
/// <param name="Queue">The queue it was stored on.</param>
/// <param name="MaxAttempts">Runs allowed before it dies.</param>
/// <param name="DueAt">When it becomes due; null for now.</param>
/// <param name="Headers">The headers it carries.</param>
/// <param name="Arguments">The encoded arguments, as the generated formatter wrote them.</param>
/// <param name="Description">The call, decoded by the generated formatters: <c>SendWelcomeEmail(userId: 42, locale: "en")</c>.</param>
public sealed record EnqueuedJob(
    string Id,
    string Job,
    string Queue,
    int MaxAttempts,
    DateTimeOffset? DueAt,
    IReadOnlyDictionary<string, string> Headers,
    ReadOnlyMemory<byte> Arguments,
    string Description)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"{Description} on queue \"{Queue}\"" + (DueAt is { } due ? $", due {due:O}" : "") + $" (job '{Job}', id {Id})";
}

/// <summary>One run of a job by a <see cref="FakeJobClient"/> (inline or drain), as its innermost middleware saw it.</summary>
/// <param name="Id">The enqueued job's id.</param>
/// <param name="Job">The stable job id.</param>
/// <param name="Queue">The queue it ran from.</param>
/// <param name="Attempt">1 for the first run, 2 for the first retry, and so on.</param>
/// <param name="StartedAt">The fake clock's time when it started.</param>
/// <param name="Exception">What the job threw, or null when it succeeded.</param>
public sealed record JobRun(string Id, string Job, string Queue, int Attempt, DateTimeOffset StartedAt, Exception? Exception)
{
    /// <summary>Whether the run threw.</summary>
    public bool Failed => Exception is not null;

    /// <inheritdoc />
    public override string ToString() =>
        $"'{Job}' attempt {Attempt} at {StartedAt:O}: " + (Exception is null ? "succeeded" : $"failed with {Exception.GetType().Name}: {Exception.Message}");
}
